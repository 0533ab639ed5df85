import { Anchor, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatter } from '../../../format/useFormatter.js';
import { useWorkspace } from '../../../session/workspace-context.js';
import type { ScoresSummary } from '../analytics.types.js';
import { AnalyticsPanel } from '../AnalyticsPanel.js';
import { atRiskCustomers, atRiskPAlive } from '../customer-links.js';
import { ClvCustomerTable } from './ClvCustomerTable.js';
import { DecilesChart } from './DecilesChart.js';
import { useCustomerNames } from './useCustomerNames.js';

/** The CLV screen as of the last computation of the scores, from its summary: no model is fitted on the visit. */
export function ClvStoredView({ summary }: { summary: ScoresSummary }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const workspace = useWorkspace();
  const { clv } = summary;
  const names = useCustomerNames([...clv.atRisk, ...clv.top].map((c) => c.customerId));
  // Without a second purchase day anywhere there is no spend model, and so no value to add up.
  const valued = clv.model?.p !== undefined;
  const figures = [
    { label: t('analytics.scores.clv.total'), value: valued ? f.money(clv.totalPredictedClv) : '—' },
    { label: t('analytics.clv.summary.median'), value: valued ? f.money(clv.deciles[4] ?? 0) : '—' },
    { label: t('analytics.scores.clv.buyers'), value: f.number(summary.buyers) },
  ];
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={820}>
        {t('analytics.scores.clv.storedIntro')}
      </Text>
      <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" role="list" aria-label={t('analytics.clv.title')}>
        {figures.map((figure) => (
          <Paper key={figure.label} withBorder radius="md" p="md" role="listitem" aria-label={figure.label}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} lh={1.3}>
              {figure.label}
            </Text>
            <Text fz={26} fw={650} lh={1.25} mt={6} style={{ whiteSpace: 'nowrap' }}>
              {figure.value}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <AnalyticsPanel title={t('analytics.clv.atRisk.title')} intro={t('analytics.clv.atRisk.text')} busy={false}>
        {clv.atRisk.length === 0 ? (
          <Text c="dimmed">{t('analytics.clv.atRisk.none')}</Text>
        ) : (
          <>
            <ClvCustomerTable rows={clv.atRisk} names={names} label={t('analytics.clv.atRisk.title')} />
            <Anchor component={Link} to={atRiskCustomers(workspace.id)} size="sm" fw={600}>
              {t('analytics.scores.clv.atRiskAll', { share: f.percent(atRiskPAlive, 0) })} →
            </Anchor>
          </>
        )}
      </AnalyticsPanel>
      <AnalyticsPanel title={t('analytics.clv.top.title')} intro={t('analytics.clv.top.text')} busy={false}>
        <ClvCustomerTable rows={clv.top} names={names} label={t('analytics.clv.top.title')} />
        <Text size="xs" c="dimmed">
          {t('analytics.clv.onePurchase')}
        </Text>
      </AnalyticsPanel>
      <AnalyticsPanel title={t('analytics.clv.deciles.title')} intro={t('analytics.clv.deciles.text')} busy={false}>
        {valued ? <DecilesChart deciles={clv.deciles} /> : <Text c="dimmed">{t('analytics.clv.model.noSpendModel')}</Text>}
        <Text size="xs" c="dimmed">
          {t('analytics.scores.clv.parameters')}
        </Text>
      </AnalyticsPanel>
    </Stack>
  );
}
