import { Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../format/useFormatter.js';
import { segments as rfmSegments, stages } from '../customers/score-values.js';
import { useSegmentSummary } from './segments.api.js';
import type { Share } from './segments.types.js';

function Breakdown({ title, rows, total, word }: { title: string; rows: Share[]; total: number; word: (key: string | null) => string }) {
  const f = useFormatter();
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>{title}</Text>
      {rows.filter((r) => r.count > 0).map((r) => (
        <Group key={r.key ?? ''} justify="space-between" gap="xs" wrap="nowrap">
          <Text size="sm" truncate>{word(r.key)}</Text>
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>{f.number(r.count)} · {f.percent(total > 0 ? r.count / total : 0, 0)}</Text>
        </Group>
      ))}
    </Stack>
  );
}

/** Who a segment's members are: revenue and its share, average CLV, RFM groups, stages, cities and consent. */
export function SegmentComposition({ segmentId }: { segmentId: string }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const summary = useSegmentSummary(segmentId);
  const s = summary.data;
  const rfmWord = (key: string | null) => {
    const known = rfmSegments.find((x) => x === key);
    return known ? t(`analytics.segments.${known}.name`) : (key ?? t('segments.summary.noScore'));
  };
  const stageWord = (key: string | null) => {
    const known = stages.find((x) => x === key);
    return known ? t(`analytics.lifecycle.stages.${known}.name`) : (key ?? t('segments.summary.noScore'));
  };
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('segments.summary.title')}>
      <Stack gap="sm">
        <Title order={2} size="h4">{t('segments.summary.title')}</Title>
        {summary.isError && <Text size="sm" c="dimmed">{t('segments.summary.unavailable')}</Text>}
        {s && (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Stack gap={0}>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{t('segments.summary.revenue')}</Text>
                <Text fz={22} fw={650}>{f.money(s.revenue)}</Text>
                <Text size="xs" c="dimmed">{t('segments.summary.revenueShare', { share: f.percent(s.revenueShare) })}</Text>
              </Stack>
              <Stack gap={0}>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>{t('segments.summary.avgClv')}</Text>
                <Text fz={22} fw={650}>{s.avgPredictedClv === null ? '—' : f.money(s.avgPredictedClv)}</Text>
              </Stack>
            </SimpleGrid>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="lg">
              <Breakdown title={t('segments.summary.byRfm')} rows={s.byRfm} total={s.count} word={rfmWord} />
              <Breakdown title={t('segments.summary.byStage')} rows={s.byStage} total={s.count} word={stageWord} />
              <Breakdown title={t('segments.summary.byCity')} rows={s.byCity} total={s.count} word={(key) => key ?? t('segments.summary.noCity')} />
              <Breakdown title={t('segments.summary.consent')} rows={s.consent.map((c) => ({ key: c.channel, count: c.granted }))} total={s.count}
                word={(key) => (key === 'email' || key === 'sms' || key === 'push' || key === 'messenger' ? t(`segments.summary.channels.${key}`) : (key ?? ''))} />
            </SimpleGrid>
          </>
        )}
      </Stack>
    </Paper>
  );
}
