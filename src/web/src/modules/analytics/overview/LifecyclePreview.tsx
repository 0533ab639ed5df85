import { Group, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../../format/useFormatter.js';
import { useLifecycle } from '../analytics.api.js';
import { anyPurchases } from '../lifecycle/lifecycle-figures.js';
import type { Period } from '../period-state.js';
import { QueryBlock } from '../QueryBlock.js';
import { PreviewCard } from './PreviewCard.js';
import { PreviewFigure } from './PreviewFigure.js';

/** The overview's lifecycle card: active and churned customers on the period's last day, and the churn window in use. */
export function LifecyclePreview({ period }: { period: Period }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const lifecycle = useLifecycle(period);
  return (
    <PreviewCard section="lifecycle" title={t('analytics.lifecycle.title')}>
      <QueryBlock query={lifecycle} loading={<Skeleton height={88} />}>
        {(analysis) => {
          const last = analysis.counts[analysis.counts.length - 1];
          if (!last || !anyPurchases(analysis.counts)) {
            return (
              <Text size="sm" c="dimmed">
                {t('analytics.empty.byEnd')}
              </Text>
            );
          }
          const active = last.new + last.repeat + last.loyal + last.advocate + last.returned;
          return (
            <Stack gap="xs">
              <Group gap="xl" align="flex-start">
                <PreviewFigure label={t('analytics.overview.lifecycle.active')} value={f.number(active)} />
                <PreviewFigure label={t('analytics.overview.lifecycle.churned')} value={f.number(last.churned)} />
              </Group>
              <Text size="sm" c="dimmed">
                {t('analytics.overview.lifecycle.window', { day: f.day(last.day), days: f.number(analysis.rules.churnDays) })}
              </Text>
            </Stack>
          );
        }}
      </QueryBlock>
    </PreviewCard>
  );
}
