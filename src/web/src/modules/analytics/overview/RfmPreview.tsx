import { Anchor, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatter } from '../../../format/useFormatter.js';
import { useWorkspace } from '../../../session/workspace-context.js';
import type { ScoresSummary } from '../analytics.types.js';
import { segmentCustomers } from '../customer-links.js';
import { highestClvSegment } from '../segment-figures.js';
import { PreviewCard } from './PreviewCard.js';
import { PreviewFigure } from './PreviewFigure.js';

/** The overview's RFM card as of the last computation: the three largest segments and the one of the highest historic CLV, each opening its customers. */
export function RfmPreview({ summary }: { summary: ScoresSummary }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const workspace = useWorkspace();
  const highest = highestClvSegment(summary.rfm.segments);
  const largest = [...summary.rfm.segments]
    .sort((a, b) => b.customers - a.customers)
    .slice(0, 3)
    .filter((s) => s.customers > 0);
  return (
    <PreviewCard section="rfm" title={t('analytics.rfm.title')}>
      {highest === null ? (
        <Text size="sm" c="dimmed">
          {t('analytics.empty.section')}
        </Text>
      ) : (
        <Stack gap="sm">
          <Stack gap={6} role="list" aria-label={t('analytics.overview.rfm.largest')}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
              {t('analytics.overview.rfm.largest')}
            </Text>
            {largest.map((s) => (
              <Group key={s.segment} justify="space-between" wrap="nowrap" role="listitem">
                <Anchor component={Link} to={segmentCustomers(workspace.id, s.segment)} size="sm" fw={500}>
                  {t(`analytics.segments.${s.segment}.name`)}
                </Anchor>
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {t('analytics.overview.rfm.segment', { customers: f.number(s.customers), share: f.percent(s.customerShare) })}
                </Text>
              </Group>
            ))}
          </Stack>
          <PreviewFigure
            label={t('analytics.scores.rfm.highestClv')}
            value={t(`analytics.segments.${highest.segment}.name`)}
            note={t('analytics.scores.rfm.highestClvNote', { customers: f.number(highest.customers), value: f.money(highest.clv) })}
            to={segmentCustomers(workspace.id, highest.segment)}
          />
        </Stack>
      )}
    </PreviewCard>
  );
}
