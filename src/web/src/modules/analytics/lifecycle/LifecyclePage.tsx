import { Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useFormatter } from '../../../format/useFormatter.js';
import { useLifecycle } from '../analytics.api.js';
import { AnalyticsEmpty } from '../AnalyticsEmpty.js';
import { AnalyticsPanel } from '../AnalyticsPanel.js';
import { PeriodBar } from '../PeriodBar.js';
import { QueryBlock } from '../QueryBlock.js';
import { useScoresSummary } from '../summary.api.js';
import { usePeriod } from '../usePeriod.js';
import { anyPurchases, shownStages } from './lifecycle-figures.js';
import { readLifecycleRules, withLifecycleRules } from './lifecycle-state.js';
import { LifecycleRules } from './LifecycleRules.js';
import { StageChart } from './StageChart.js';
import { StageSankey } from './StageSankey.js';
import { StageTable } from './StageTable.js';
import { StoredStagesPanel } from './StoredStagesPanel.js';

/** The lifecycle screen: the customers per stage now (as of the last computation, opening their lists), then for the period the rules in use, the stages at every month end, and the moves between its first and last day. */
export function LifecyclePage() {
  const { t } = useTranslation();
  const f = useFormatter();
  const { period } = usePeriod();
  const [params, setParams] = useSearchParams();
  const chosen = readLifecycleRules(params);
  const lifecycle = useLifecycle(period, chosen);
  const busy = lifecycle.isPlaceholderData;
  const summary = useScoresSummary().data ?? null;
  return (
    <Stack gap="md">
      {summary !== null && summary.buyers > 0 && <StoredStagesPanel summary={summary} />}
      <PeriodBar />
      <QueryBlock query={lifecycle} loading={<LifecycleSkeleton />}>
        {(analysis) =>
          !anyPurchases(analysis.counts) ? (
            <AnalyticsEmpty title={t('analytics.empty.byEnd')} />
          ) : (
            <>
              <LifecycleRules rules={analysis.rules} chosen={chosen} onChange={(rules) => setParams((current) => withLifecycleRules(current, rules), { replace: true })} />
              <AnalyticsPanel title={t('analytics.lifecycle.overTime.title')} intro={t('analytics.lifecycle.overTime.text')} busy={busy}>
                <StageChart counts={analysis.counts} stages={shownStages(analysis.counts)} />
              </AnalyticsPanel>
              <AnalyticsPanel
                title={t('analytics.lifecycle.flows.title')}
                intro={t('analytics.lifecycle.flows.text', { from: f.day(analysis.from), to: f.day(analysis.to) })}
                busy={busy}
              >
                {analysis.flows.length === 0 ? (
                  <Text c="dimmed">{t('analytics.lifecycle.flows.noMoves')}</Text>
                ) : (
                  <StageSankey flows={analysis.flows} from={analysis.from} to={analysis.to} />
                )}
                <StageTable analysis={analysis} stages={shownStages(analysis.counts)} />
              </AnalyticsPanel>
            </>
          )
        }
      </QueryBlock>
    </Stack>
  );
}

function LifecycleSkeleton() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" role="status" aria-label={t('common.loading')}>
      <Skeleton height={120} radius="md" />
      <Skeleton height={400} radius="md" />
      <Skeleton height={360} radius="md" />
    </Stack>
  );
}
