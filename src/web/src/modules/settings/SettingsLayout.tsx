import { Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useWorkspace } from '../../session/workspace-context.js';

/** The settings pages, in the order a new workspace is usually set up. */
export const settingsTabs = ['workspace', 'members', 'keys', 'connect'] as const;

/** The settings area: its title, a tab per page (each with its own address) and the open page. */
export function SettingsLayout() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const location = useLocation();
  const navigate = useNavigate();
  const base = `/w/${workspace.id}/settings`;
  const current = settingsTabs.find((tab) => location.pathname.startsWith(`${base}/${tab}`)) ?? null;
  return (
    <Stack gap="md" maw={1100}>
      <Title order={1} size="h2">
        {t('settings.title')}
      </Title>
      <Tabs value={current} onChange={(tab) => tab && navigate(`${base}/${tab}`)} keepMounted={false}>
        <Tabs.List>
          {settingsTabs.map((tab) => (
            <Tabs.Tab key={tab} value={tab}>
              {t(`settings.tabs.${tab}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {/* Without a tab in the address, the outlet is the index route, which opens the first tab. */}
        {current ? (
          <Tabs.Panel value={current} pt="lg">
            <Outlet />
          </Tabs.Panel>
        ) : (
          <Outlet />
        )}
      </Tabs>
    </Stack>
  );
}
