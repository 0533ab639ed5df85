import { Button, Text, Timeline } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomerScores } from '../../api/types.js';
import { useFormatter } from '../../format/useFormatter.js';
import { stageColors } from './score-colors.js';

// A long history shows its latest moves; the earlier ones are a click away.
const shownAtFirst = 5;

/** A customer's lifecycle stages in the order they entered them, each with its day; the current one last. */
export function StageHistory({ transitions }: { transitions: CustomerScores['transitions'] }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const [all, setAll] = useState(false);
  const hidden = all ? 0 : Math.max(0, transitions.length - shownAtFirst);
  const shown = transitions.slice(hidden);
  return (
    <div>
      {hidden > 0 && (
        <Button variant="subtle" size="compact-xs" mb={6} onClick={() => setAll(true)}>
          {t('customerScores.card.earlier', { n: hidden })}
        </Button>
      )}
      <Timeline active={shown.length - 1} bulletSize={12} lineWidth={2}>
        {shown.map((move, i) => (
          // One line per move, close together: the history is a side note of the card.
          <Timeline.Item key={`${move.day}-${move.to}-${i}`} color={stageColors[move.to]} mt={i === 0 ? 0 : 8}>
            <Text size="sm" lh={1.2} fw={i === shown.length - 1 ? 600 : 400}>
              {t(`analytics.lifecycle.stages.${move.to}.name`)}{' '}
              <Text span size="xs" c="dimmed" fw={400}>
                {f.day(move.day)}
              </Text>
            </Text>
          </Timeline.Item>
        ))}
      </Timeline>
    </div>
  );
}
