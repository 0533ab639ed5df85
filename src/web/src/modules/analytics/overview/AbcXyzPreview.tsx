import { Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../../format/useFormatter.js';
import { useAbcXyz } from '../analytics.api.js';
import type { Period } from '../period-state.js';
import { QueryBlock } from '../QueryBlock.js';
import { PreviewCard } from './PreviewCard.js';
import { PreviewFigure } from './PreviewFigure.js';

/** The overview's ABC/XYZ card: the golden customers and what the top fifth of customers bring. */
export function AbcXyzPreview({ period }: { period: Period }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const abcXyz = useAbcXyz(period);
  return (
    <PreviewCard section="abcXyz" title={t('analytics.abc.title')}>
      <QueryBlock query={abcXyz} loading={<Skeleton height={88} />}>
        {(analysis) => {
          if (analysis.customers === 0) {
            return (
              <Text size="sm" c="dimmed">
                {t('analytics.empty.section')}
              </Text>
            );
          }
          const fifth = analysis.pareto.find((p) => Math.abs(p.customerShare - 0.2) < 1e-9);
          return (
            <Stack gap="xs">
              <PreviewFigure
                label={t('analytics.overview.abc.golden')}
                value={f.number(analysis.golden.customers)}
                note={t('analytics.overview.abc.goldenShare', { share: f.percent(analysis.golden.revenueShare) })}
              />
              {fifth && (
                <Text size="sm" c="dimmed">
                  {t('analytics.abc.pareto.point', { customers: f.percent(fifth.customerShare, 0), revenue: f.percent(fifth.revenueShare) })}
                </Text>
              )}
            </Stack>
          );
        }}
      </QueryBlock>
    </PreviewCard>
  );
}
