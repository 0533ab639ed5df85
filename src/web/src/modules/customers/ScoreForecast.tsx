import { Group, SimpleGrid, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerScores } from '../../api/types.js';
import { useFormatter } from '../../format/useFormatter.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { ScoreFigure } from './ScoreFigure.js';
import { wholeUnits } from './score-values.js';

/** The CLV models' view of a buyer: P(alive), purchases expected in 30, 90 and 365 days, predicted CLV. */
export function ScoreForecast({ scores }: { scores: CustomerScores }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const { currency } = useWorkspace();
  const { pAlive, expected30, expected90, expected365, predictedClv } = scores;
  if (pAlive === null) {
    return (
      <Text size="sm" c="dimmed">
        {t('customerScores.card.noForecast')}
      </Text>
    );
  }
  const expected = [
    { label: t('customerScores.card.in30'), value: expected30 },
    { label: t('customerScores.card.in90'), value: expected90 },
    { label: t('customerScores.card.in365'), value: expected365 },
  ];
  return (
    <Stack gap="sm">
      <SimpleGrid cols={2} spacing="sm">
        <ScoreFigure label={t('customerScores.card.pAlive')}>
          <Tooltip label={t('customerScores.card.pAliveHint')} multiline w={260} withArrow>
            <Text size="xl" fw={650} lh={1.2} w="fit-content">
              {f.percent(pAlive, 0)}
            </Text>
          </Tooltip>
        </ScoreFigure>
        <ScoreFigure label={t('customerScores.card.predictedClv')}>
          <Tooltip label={t('customerScores.card.predictedClvHint')} multiline w={260} withArrow>
            <Text size="xl" fw={650} lh={1.2} w="fit-content" c={predictedClv === null ? 'dimmed' : undefined}>
              {predictedClv === null ? '—' : f.money(wholeUnits(predictedClv, currency))}
            </Text>
          </Tooltip>
        </ScoreFigure>
      </SimpleGrid>
      <ScoreFigure label={t('customerScores.card.expected')}>
        <Group gap="lg">
          {expected.map((e) => (
            <div key={e.label}>
              <Text size="sm" fw={600}>
                {e.value === null ? '—' : f.decimal(e.value, 1)}
              </Text>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {e.label}
              </Text>
            </div>
          ))}
        </Group>
      </ScoreFigure>
    </Stack>
  );
}
