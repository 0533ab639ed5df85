import { Group, Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { relativeTime } from '../../format/relative-time.js';
import { useFormatter } from '../../format/useFormatter.js';
import { RecomputeButton } from './RecomputeButton.js';
import { useScoresStatus } from './scores.api.js';

/** "Scores computed 2 hours ago · Recompute": how fresh the stored scores are, and the way to refresh them. */
export function ScoresStatusLine() {
  const { t, i18n } = useTranslation();
  const f = useFormatter();
  const status = useScoresStatus();
  const now = useMinuteClock();
  if (!status.data) return null;
  const { running, lastComputedAt, everyHours, runs } = status.data;
  const failed = !running && runs[0]?.status === 'failed';
  const text = running
    ? t('customerScores.status.running')
    : lastComputedAt === null
      ? t('customerScores.status.never')
      : t('customerScores.status.computed', { ago: relativeTime(lastComputedAt, now, i18n.language) ?? t('customerScores.status.justNow') });
  const exact = lastComputedAt === null ? null : f.dateTime(lastComputedAt);
  const schedule = exact && (everyHours > 0 ? t('customerScores.status.schedule', { hours: everyHours, time: exact }) : t('customerScores.status.onRequest', { time: exact }));
  return (
    <Group gap="xs" wrap="nowrap" aria-live="polite">
      <Tooltip label={schedule} disabled={!schedule} withArrow>
        <Text size="sm" c="dimmed">
          {text}
        </Text>
      </Tooltip>
      {failed && (
        <Tooltip label={runs[0]?.error ?? ''} withArrow>
          <Text size="sm" c="red">
            {t('customerScores.status.failed')}
          </Text>
        </Tooltip>
      )}
      <RecomputeButton />
    </Group>
  );
}

// The time, refreshed each minute, so "5 minutes ago" keeps true while the page stays open.
function useMinuteClock(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}
