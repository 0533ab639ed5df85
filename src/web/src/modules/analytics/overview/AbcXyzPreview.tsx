import { Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../../format/useFormatter.js';
import { useWorkspace } from '../../../session/workspace-context.js';
import type { ScoresSummary } from '../analytics.types.js';
import { abcXyzCustomers } from '../customer-links.js';
import { PreviewCard } from './PreviewCard.js';
import { PreviewFigure } from './PreviewFigure.js';

/** The overview's ABC/XYZ card as of the last computation: the golden customers (opening their list) and what the top fifth of customers bring. */
export function AbcXyzPreview({ summary }: { summary: ScoresSummary }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const workspace = useWorkspace();
  const { golden, pareto } = summary.abcXyz;
  const fifth = pareto.find((p) => Math.abs(p.customerShare - 0.2) < 1e-9);
  return (
    <PreviewCard section="abcXyz" title={t('analytics.abc.title')}>
      {summary.buyers === 0 ? (
        <Text size="sm" c="dimmed">
          {t('analytics.empty.section')}
        </Text>
      ) : (
        <Stack gap="xs">
          <PreviewFigure
            label={t('analytics.overview.abc.golden')}
            value={f.number(golden.customers)}
            note={t('analytics.overview.abc.goldenShare', { share: f.percent(golden.revenueShare) })}
            to={abcXyzCustomers(workspace.id, ['AX', 'AY'])}
          />
          {fifth && (
            <Text size="sm" c="dimmed">
              {t('analytics.abc.pareto.point', { customers: f.percent(fifth.customerShare, 0), revenue: f.percent(fifth.revenueShare) })}
            </Text>
          )}
        </Stack>
      )}
    </PreviewCard>
  );
}
