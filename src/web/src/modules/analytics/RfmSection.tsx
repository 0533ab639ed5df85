import { EmptyState, Grid, Skeleton, Stack } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RfmAnalysis } from './analytics.types.js';
import { AnalyticsPanel } from './AnalyticsPanel.js';
import { QueryBlock } from './QueryBlock.js';
import { RfmGuide } from './RfmGuide.js';
import { RfmHeatmap } from './RfmHeatmap.js';
import { SegmentTable } from './SegmentTable.js';

/** The RFM analysis of the period: the R×F heatmap with how to read it, and the segment table. */
export function RfmSection({ query }: { query: UseQueryResult<RfmAnalysis> }) {
  const { t } = useTranslation();
  return (
    <AnalyticsPanel title={t('analytics.rfm.title')} intro={t('analytics.rfm.intro')} busy={query.isPlaceholderData}>
      <QueryBlock query={query} loading={<Skeleton height={320} />}>
        {(rfm) =>
          rfm.customers === 0 ? (
            <EmptyState py="lg" title={t('analytics.empty.section')} />
          ) : (
            <Stack gap="lg">
              {/* The table needs the whole width for a one-line hint per segment; the map shares its row with how to read it. */}
              <Grid gap="xl" align="center">
                <Grid.Col span={{ base: 12, md: 6 }}>
                  <RfmHeatmap cells={rfm.cells} frequencyCuts={rfm.frequencyCuts} />
                </Grid.Col>
                <Grid.Col span={{ base: 12, md: 6 }}>
                  <RfmGuide churnDays={rfm.churnDays} loyalPurchases={rfm.loyalPurchases} frequencyCuts={rfm.frequencyCuts} />
                </Grid.Col>
              </Grid>
              <SegmentTable segments={rfm.segments} />
            </Stack>
          )
        }
      </QueryBlock>
    </AnalyticsPanel>
  );
}
