import { Anchor, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormatter } from '../../../format/useFormatter.js';
import { useWorkspace } from '../../../session/workspace-context.js';
import type { ScoresSummary } from '../analytics.types.js';
import { atRiskCustomers } from '../customer-links.js';
import { PreviewCard } from './PreviewCard.js';
import { PreviewFigure } from './PreviewFigure.js';

/** The overview's CLV card as of the last computation: what all customers are predicted to bring, the median buyer, and the way to those at risk. */
export function ClvPreview({ summary }: { summary: ScoresSummary }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const workspace = useWorkspace();
  const { clv } = summary;
  // Without a second purchase day anywhere, the spend model cannot be fitted and no value is predicted.
  const valued = clv.model !== null && clv.model.p !== undefined && clv.deciles.length > 0;
  return (
    <PreviewCard section="clv" title={t('analytics.clv.title')}>
      {!valued ? (
        <Text size="sm" c="dimmed">
          {summary.buyers === 0 ? t('analytics.empty.section') : t('analytics.scores.clv.noModel')}
        </Text>
      ) : (
        <Stack gap="xs">
          <PreviewFigure
            label={t('analytics.scores.clv.total')}
            value={f.money(clv.totalPredictedClv)}
            note={t('analytics.scores.clv.median', { value: f.money(clv.deciles[4] ?? 0) })}
          />
          {clv.atRisk.length > 0 && (
            <Anchor component={Link} to={atRiskCustomers(workspace.id, clv.atRiskBand)} size="sm">
              {t('analytics.scores.clv.atRisk', { min: f.percent(clv.atRiskBand.min, 0), max: f.percent(clv.atRiskBand.max, 0) })}
            </Anchor>
          )}
        </Stack>
      )}
    </PreviewCard>
  );
}
