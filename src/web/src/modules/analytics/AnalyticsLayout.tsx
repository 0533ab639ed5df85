import { Skeleton, Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useWorkspace } from '../../session/workspace-context.js';
import { analyticsSections, sectionOf, sectionPath } from './analytics-sections.js';
import { periodQuery } from './period-state.js';
import { useScoresSummary } from './summary.api.js';

/** The analytics area: its title, a tab per screen (each with its own address) and the open screen; the period travels between tabs. */
export function AnalyticsLayout() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const location = useLocation();
  const navigate = useNavigate();
  const base = `/w/${workspace.id}/analytics`;
  const current = sectionOf(location.pathname.slice(base.length));
  // The default period ends on the day of the last computation's KPI index, which the summary tells
  // (one stored row, at once): the screens wait for it rather than asking for two periods. A failed
  // summary lets them go on with the period ending today.
  const summary = useScoresSummary();
  const ready = summary.data !== undefined || summary.isError;
  const screen = ready ? <Outlet /> : <Skeleton height={320} radius="md" aria-label={t('common.loading')} />;
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('analytics.title')}
      </Title>
      <Tabs
        value={current}
        onChange={(tab) => {
          const section = analyticsSections.find((s) => s.id === tab);
          if (section) navigate(sectionPath(workspace.id, section.id) + periodQuery(new URLSearchParams(location.search)));
        }}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('analytics.tabs.label')}>
          {analyticsSections.map((s) => (
            <Tabs.Tab key={s.id} value={s.id}>
              {t(`analytics.tabs.${s.id}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {current ? (
          <Tabs.Panel value={current} pt="md">
            {screen}
          </Tabs.Panel>
        ) : (
          screen
        )}
      </Tabs>
    </Stack>
  );
}
