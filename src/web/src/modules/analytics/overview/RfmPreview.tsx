import { Group, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../../format/useFormatter.js';
import { useRfm } from '../analytics.api.js';
import type { Period } from '../period-state.js';
import { QueryBlock } from '../QueryBlock.js';
import { PreviewCard } from './PreviewCard.js';

/** The overview's RFM card: the three segments holding the most customers. */
export function RfmPreview({ period }: { period: Period }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const rfm = useRfm(period);
  return (
    <PreviewCard section="rfm" title={t('analytics.rfm.title')}>
      <QueryBlock query={rfm} loading={<Skeleton height={88} />}>
        {(analysis) =>
          analysis.customers === 0 ? (
            <Text size="sm" c="dimmed">
              {t('analytics.empty.section')}
            </Text>
          ) : (
            <Stack gap={6} role="list" aria-label={t('analytics.overview.rfm.largest')}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t('analytics.overview.rfm.largest')}
              </Text>
              {[...analysis.segments]
                .sort((a, b) => b.customers - a.customers)
                .slice(0, 3)
                .filter((s) => s.customers > 0)
                .map((s) => (
                  <Group key={s.segment} justify="space-between" wrap="nowrap" role="listitem">
                    <Text size="sm" fw={500}>
                      {t(`analytics.segments.${s.segment}.name`)}
                    </Text>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {t('analytics.overview.rfm.segment', { customers: f.number(s.customers), share: f.percent(s.customerShare) })}
                    </Text>
                  </Group>
                ))}
            </Stack>
          )
        }
      </QueryBlock>
    </PreviewCard>
  );
}
