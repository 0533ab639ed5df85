import { Anchor, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatter } from '../../../format/useFormatter.js';
import { useWorkspace } from '../../../session/workspace-context.js';
import type { ScoresSummary } from '../analytics.types.js';
import { AnalyticsPanel } from '../AnalyticsPanel.js';
import { atRiskCustomers } from '../customer-links.js';
import { ClvListPanels } from './ClvListPanels.js';
import { atRiskRule } from '../../segments/save-as.js';
import { SaveAsSegmentButton } from '../../segments/SaveAsSegmentButton.js';
import { DecilesChart } from './DecilesChart.js';

/** The CLV screen as of the last computation of the scores, from its summary: no model is fitted on the visit. */
export function ClvStoredView({ summary }: { summary: ScoresSummary }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const workspace = useWorkspace();
  const { clv } = summary;
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
      <ClvListPanels
        lists={clv}
        busy={false}
        atRiskFooter={
          <Group gap="sm">
            <Anchor component={Link} to={atRiskCustomers(workspace.id, clv.atRiskBand)} size="sm" fw={600}>
              {t('analytics.scores.clv.atRiskAll', { count: f.number(clv.atRiskCustomers), min: f.percent(clv.atRiskBand.min, 0), max: f.percent(clv.atRiskBand.max, 0) })} →
            </Anchor>
            <SaveAsSegmentButton compact prefill={{ name: t('segments.saveAs.atRiskName'), rule: atRiskRule(clv.atRiskBand) }} />
          </Group>
        }
      />
      <AnalyticsPanel title={t('analytics.clv.deciles.title')} intro={t('analytics.clv.deciles.text')} busy={false}>
        {!valued ? (
          <Text c="dimmed">{t('analytics.clv.model.noSpendModel')}</Text>
        ) : clv.decileGroups.length > 0 ? (
          <DecilesChart groups={clv.decileGroups} total={clv.totalPredictedClv} />
        ) : (
          // A computation from before the tenths were kept: they come with the next one.
          <Text c="dimmed">{t('analytics.scores.clv.nextComputation')}</Text>
        )}
        <Text size="xs" c="dimmed">
          {t('analytics.scores.clv.parameters')}
        </Text>
      </AnalyticsPanel>
    </Stack>
  );
}
