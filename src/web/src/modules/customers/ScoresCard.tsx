import { Badge, Divider, Group, SimpleGrid, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerScores } from '../../api/types.js';
import { ErrorState } from '../../components/ErrorState.js';
import { useFormatter } from '../../format/useFormatter.js';
import { RecomputeButton } from './RecomputeButton.js';
import { ScoreFigure as Figure } from './ScoreFigure.js';
import { ScoreForecast } from './ScoreForecast.js';
import { segmentColors, stageColors } from './score-colors.js';
import { isGolden } from './score-values.js';
import { useCustomerScores, useScoresStatus } from './scores.api.js';
import { SectionCard } from './SectionCard.js';
import { StageHistory } from './StageHistory.js';

/** A customer's stored scores: RFM segment, ABC/XYZ cell, lifecycle stage with its history, P(alive), expected purchases and predicted CLV. */
export function ScoresCard({ customerId }: { customerId: number }) {
  const { t } = useTranslation();
  const scores = useCustomerScores(customerId);
  return (
    <SectionCard title={t('customerScores.card.title')}>
      {scores.isPending ? (
        <Skeleton height={160} radius="sm" />
      ) : scores.isError ? (
        <ErrorState error={scores.error} onRetry={() => void scores.refetch()} />
      ) : scores.data === null ? (
        <NotScored />
      ) : (
        <Scores scores={scores.data} />
      )}
    </SectionCard>
  );
}

// Before the first computation, or for a customer who appeared after the last one.
function NotScored() {
  const { t } = useTranslation();
  const f = useFormatter();
  const last = useScoresStatus().data?.lastComputedAt ?? null;
  return (
    <Stack gap={6} align="flex-start">
      <Text fw={600} size="sm">
        {last === null ? t('customerScores.card.emptyTitle') : t('customerScores.card.notScoredTitle')}
      </Text>
      <Text size="sm" c="dimmed">
        {last === null ? t('customerScores.card.emptyText') : t('customerScores.card.notScoredText', { time: f.dateTime(last) })}
      </Text>
      <RecomputeButton />
    </Stack>
  );
}

function Scores({ scores }: { scores: CustomerScores }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const cell = scores.abc && scores.xyz ? `${scores.abc}${scores.xyz}` : null;
  return (
    <Stack gap="sm">
      {scores.rfm === null ? (
        <Text size="sm" c="dimmed">
          {t('customerScores.card.noPurchases')}
        </Text>
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm" verticalSpacing="sm">
          <Figure label={t('customerScores.card.rfm')}>
            <Group gap={8}>
              <Badge color={segmentColors[scores.rfm.segment]} variant="light" style={{ flexShrink: 0 }}>
                {t(`analytics.segments.${scores.rfm.segment}.name`)}
              </Badge>
              <Tooltip label={t('customerScores.card.rfmScoresHint')} multiline w={260} withArrow>
                <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                  {t('customerScores.card.rfmScores', { r: scores.rfm.r, f: scores.rfm.f, m: scores.rfm.m })}
                </Text>
              </Tooltip>
            </Group>
            <Text size="xs" c="dimmed" mt={4}>
              {t(`analytics.segments.${scores.rfm.segment}.hint`)}
            </Text>
          </Figure>
          {cell && scores.abc && scores.xyz && (
            <Figure label={t('customerScores.card.abcXyz')}>
              <Group gap={8}>
                <Badge color={isGolden(cell) ? 'yellow' : 'gray'} variant={isGolden(cell) ? 'filled' : 'light'} c={isGolden(cell) ? 'dark.8' : undefined}>
                  {cell}
                </Badge>
                {isGolden(cell) && (
                  <Text size="sm" fw={600} c="yellow.8">
                    ★ {t('customerScores.card.golden')}
                  </Text>
                )}
              </Group>
              <Text size="xs" c="dimmed" mt={4}>
                {t(`customerScores.card.abc.${scores.abc}`)} · {t(`customerScores.card.xyz.${scores.xyz}`)}
              </Text>
            </Figure>
          )}
        </SimpleGrid>
      )}
      <Divider />
      <Figure label={t('customerScores.card.stage')}>
        <Group gap={8}>
          <Badge color={stageColors[scores.stage]} variant="light">
            {t(`analytics.lifecycle.stages.${scores.stage}.name`)}
          </Badge>
          {scores.stageSince && (
            <Text size="sm" c="dimmed">
              {t('customerScores.card.since', { date: f.day(scores.stageSince) })}
            </Text>
          )}
        </Group>
      </Figure>
      {scores.transitions.length > 1 && (
        <Figure label={t('customerScores.card.history')}>
          <StageHistory transitions={scores.transitions} />
        </Figure>
      )}
      {scores.rfm !== null && (
        <>
          <Divider />
          <ScoreForecast scores={scores} />
        </>
      )}
      <Divider />
      <Group justify="space-between" gap="xs">
        <Text size="xs" c="dimmed">
          {t('customerScores.card.computedAt', { time: f.dateTime(scores.computedAt) })}
        </Text>
        <RecomputeButton />
      </Group>
    </Stack>
  );
}
