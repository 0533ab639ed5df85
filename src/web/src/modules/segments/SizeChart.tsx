import { Paper, Stack, Text, Title, useMantineTheme } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from '../../components/EChart.js';
import type { ChartOption } from '../../components/echarts.js';
import { useFormatter } from '../../format/useFormatter.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { useSegmentSizes } from './segments.api.js';

/** A segment's size at the end of each of the last 90 days. */
export function SizeChart({ segmentId, createdAt }: { segmentId: string; createdAt: number }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const theme = useMantineTheme();
  const sizes = useSegmentSizes(segmentId, 90);
  const { timezone } = useWorkspace();
  // Days before the segment existed have no size; they are left out rather than drawn as zeros.
  const days = useMemo(() => {
    const first = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(createdAt);
    return (sizes.data?.days ?? []).filter((d) => d.day >= first);
  }, [sizes.data, createdAt, timezone]);
  const option = useMemo((): ChartOption => ({
    grid: { left: 56, right: 16, top: 16, bottom: 32 },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: days.map((d) => f.shortDay(d.day)), boundaryGap: false },
    yAxis: { type: 'value', minInterval: 1, axisLabel: { formatter: (v: number) => f.number(v) } },
    series: [{ type: 'line', data: days.map((d) => d.size), showSymbol: days.length < 20, lineStyle: { color: theme.colors.blue[6], width: 2 }, itemStyle: { color: theme.colors.blue[6] }, areaStyle: { opacity: 0.08 } }],
  }), [days, f, theme]);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('segments.page.sizes')}>
      <Stack gap="xs">
        <Title order={2} size="h4">{t('segments.page.sizes')}</Title>
        {days.length < 2 && <Text size="sm" c="dimmed">{t('segments.page.noSizes')}</Text>}
        {days.length > 0 && <EChart option={option} label={t('segments.page.sizesLabel')} height={220} />}
      </Stack>
    </Paper>
  );
}
