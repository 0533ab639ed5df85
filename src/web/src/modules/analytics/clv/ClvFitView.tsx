import { Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ApiError } from '../../../api/client.js';
import { useWorkspace } from '../../../session/workspace-context.js';
import { clvListLength, useClvCustomers, useClvModel } from '../analytics.api.js';
import { AnalyticsEmpty } from '../AnalyticsEmpty.js';
import { AnalyticsPanel } from '../AnalyticsPanel.js';
import { todayIn } from '../period-state.js';
import { QueryBlock } from '../QueryBlock.js';
import { ClvListPanels } from './ClvListPanels.js';
import { readClvSettings, withClvSettings } from './clv-state.js';
import { ClvSettingsBar } from './ClvSettingsBar.js';
import { ClvSummary } from './ClvSummary.js';
import { DecilesChart } from './DecilesChart.js';
import { ModelParameters } from './ModelParameters.js';

/** The CLV screen's models fitted on request on the orders up to a chosen day: the distribution of predicted value, the most valuable customers, the valuable ones at risk and the models' parameters. */
export function ClvFitView() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const [params, setParams] = useSearchParams();
  const today = todayIn(workspace.timezone);
  const settings = readClvSettings(params, today);
  const model = useClvModel(settings.calibrationEnd);
  const predictions = useClvCustomers(settings);
  const busy = predictions.isPlaceholderData;
  return (
    <Stack gap="md">
      <ClvSettingsBar value={settings} onChange={(next) => setParams((current) => withClvSettings(current, next, today), { replace: true })} />
      {noPurchasesUpTo(model.error) || noPurchasesUpTo(predictions.error) ? (
        <AnalyticsEmpty title={t('analytics.clv.empty.title')} text={t('analytics.clv.empty.text')} textReadOnly={t('analytics.clv.empty.textReadOnly')} />
      ) : (
        <>
          <Text size="sm" c="dimmed" maw={820}>
            {t('analytics.clv.intro')}
          </Text>
          <ClvSummary predictions={predictions.data} model={model.data} />
          <QueryBlock query={predictions} loading={<PredictionSkeleton />}>
            {(p) => (
              <>
                {/* What to act on first, then the distribution, then how the models were fitted. */}
                <ClvListPanels lists={p} busy={busy} />
                <AnalyticsPanel title={t('analytics.clv.deciles.title')} intro={t('analytics.clv.deciles.text')} busy={busy}>
                  {/* Without a spend model every prediction is empty; a row of zeros would read as a forecast. */}
                  {[...p.top, ...p.topShortHistory][0]?.predictedClv === null ? (
                    <Text c="dimmed">{t('analytics.clv.model.noSpendModel')}</Text>
                  ) : (
                    <DecilesChart groups={p.decileGroups} total={p.totalPredictedClv} />
                  )}
                </AnalyticsPanel>
                <AnalyticsPanel
                  title={t('analytics.clv.model.title')}
                  intro={model.data ? t('analytics.clv.model.text', { customers: model.data.customers }) : ''}
                  busy={model.isPlaceholderData}
                >
                  <QueryBlock query={model} loading={<Skeleton height={280} />}>
                    {(m) => <ModelParameters model={m} />}
                  </QueryBlock>
                </AnalyticsPanel>
              </>
            )}
          </QueryBlock>
        </>
      )}
    </Stack>
  );
}

function PredictionSkeleton() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" role="status" aria-label={t('common.loading')}>
      <Skeleton height={360} radius="md" />
      <Skeleton height={clvListLength * 40} radius="md" />
    </Stack>
  );
}

// The models need at least one purchase up to the calibration day; the API refuses the day otherwise.
function noPurchasesUpTo(error: Error | null): boolean {
  return error instanceof ApiError && error.status === 400 && error.details.some((d) => d.field.endsWith('calibrationEnd'));
}
