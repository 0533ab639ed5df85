import { Box } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../../format/useFormatter.js';
import type { ScoresSummary } from '../analytics.types.js';
import { AnalyticsPanel } from '../AnalyticsPanel.js';
import { StoredStageList } from './StoredStageList.js';

/** The lifecycle screen's customers per stage as of the last computation of the scores, each stage opening its customers. */
export function StoredStagesPanel({ summary }: { summary: ScoresSummary }) {
  const { t } = useTranslation();
  const f = useFormatter();
  return (
    <AnalyticsPanel
      title={t('analytics.scores.lifecycle.nowTitle')}
      intro={t('analytics.scores.lifecycle.nowIntro', { time: f.dateTime(summary.computedAt), days: f.number(summary.churnDays) })}
      busy={false}
    >
      <Box maw={360}>
        <StoredStageList summary={summary} />
      </Box>
    </AnalyticsPanel>
  );
}
