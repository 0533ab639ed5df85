import { Grid, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useWorkspace } from '../../session/workspace-context.js';
import type { ScoresSummary } from './analytics.types.js';
import { AnalyticsPanel } from './AnalyticsPanel.js';
import { rfmCellCustomers, segmentCustomers } from './customer-links.js';
import { RfmGuide } from './RfmGuide.js';
import { RfmHeatmap } from './RfmHeatmap.js';
import { SegmentTable } from './SegmentTable.js';

/** RFM over all history as of the last computation of the scores: a heatmap cell or a segment opens its customers. */
export function RfmStoredSection({ summary }: { summary: ScoresSummary }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const navigate = useNavigate();
  return (
    <AnalyticsPanel title={t('analytics.rfm.title')} intro={t('analytics.scores.rfm.intro')} busy={false}>
      <Stack gap="lg">
        <Grid gap="xl" align="center">
          <Grid.Col span={{ base: 12, md: 6 }}>
            <RfmHeatmap cells={summary.rfm.cells} frequencyCuts={summary.rfm.frequencyCuts} onCellClick={(cell) => navigate(rfmCellCustomers(workspace.id, cell.r, cell.f))} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 6 }}>
            <RfmGuide churnDays={summary.churnDays} loyalPurchases={summary.loyalPurchases} frequencyCuts={summary.rfm.frequencyCuts} />
          </Grid.Col>
        </Grid>
        <SegmentTable
          segments={summary.rfm.segments}
          customersLink={(segment) => segmentCustomers(workspace.id, segment)}
          footnote={t('analytics.scores.rfm.footnote')}
        />
      </Stack>
    </AnalyticsPanel>
  );
}
