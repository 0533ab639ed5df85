import { SegmentedControl, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../format/useFormatter.js';
import type { ScoresSummary } from './analytics.types.js';
import type { ScoresView } from './useStoredScores.js';

/** Props of ScoresViewSwitch. */
export interface ScoresViewSwitchProps {
  view: ScoresView;
  summary: ScoresSummary;
  onChange: (view: ScoresView) => void;
  /** The other view's name and note, where it is not a period (the CLV screen fits its models for a day). */
  other?: { label: string; note: string };
}

/** Switches a screen between all history as of the last computation (at once, with links to the customers) and a period counted from orders, and says which it shows. */
export function ScoresViewSwitch({ view, summary, onChange, other }: ScoresViewSwitchProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  return (
    <Stack gap={8}>
      <SegmentedControl
        aria-label={t('analytics.scores.view.label')}
        value={view}
        onChange={(value) => onChange(value === 'period' ? 'period' : 'stored')}
        data={[
          { value: 'stored', label: t('analytics.scores.view.stored') },
          { value: 'period', label: other?.label ?? t('analytics.scores.view.period') },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <Text size="sm" c="dimmed">
        {view === 'stored'
          ? t('analytics.scores.view.storedNote', { time: f.dateTime(summary.computedAt) })
          : (other?.note ?? t('analytics.scores.view.periodNote'))}
      </Text>
    </Stack>
  );
}
