import { Skeleton, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../../format/useFormatter.js';
import { useClvCustomers } from '../analytics.api.js';
import { defaultClvSettings } from '../clv/clv-state.js';
import { QueryBlock } from '../QueryBlock.js';
import { PreviewCard } from './PreviewCard.js';
import { PreviewFigure } from './PreviewFigure.js';

/** The overview's CLV card: what all customers are predicted to bring from today over the default horizon, and the median customer. */
export function ClvPreview({ today }: { today: string }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const settings = defaultClvSettings(today);
  const clv = useClvCustomers(settings);
  return (
    <PreviewCard section="clv" title={t('analytics.clv.title')}>
      <QueryBlock query={clv} loading={<Skeleton height={88} />}>
        {(predictions) =>
          // Without a second purchase day anywhere, the spend model cannot be fitted and no value is predicted.
          predictions.top[0]?.predictedClv === null ? (
            <Text size="sm" c="dimmed">
              {t('analytics.clv.model.noSpendModel')}
            </Text>
          ) : (
            <PreviewFigure
              label={t('analytics.overview.clv.total', { months: settings.months })}
              value={f.money(predictions.totalPredictedClv)}
              note={t('analytics.overview.clv.median', { value: f.money(predictions.deciles[4] ?? 0) })}
            />
          )
        }
      </QueryBlock>
    </PreviewCard>
  );
}
