import { Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState.js';
import { useFormatter } from '../../format/useFormatter.js';
import { MembersTable } from './MembersTable.js';
import type { Preview } from './segments.types.js';

/**
 * What the rule being edited matches now: count, shares of customers and revenue, the time it took, a
 * sample. `refused`: the API refused conditions, which the builder shows beside them.
 */
export function LivePreview({ preview, complete, refused }: { preview: UseQueryResult<Preview>; complete: boolean; refused: boolean }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const data = preview.data;
  return (
    <Paper withBorder radius="md" p="md" aria-label={t('segments.preview.title')} component="section">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">{t('segments.preview.title')}</Title>
          {preview.isFetching && <Loader size="xs" />}
        </Group>
        {!complete && !data && <Text c="dimmed">{t('segments.preview.waiting')}</Text>}
        {preview.isError && (refused ? <Text c="red" size="sm">{t('segments.preview.refused')}</Text> : <ErrorState error={preview.error} />)}
        {data && (
          <Stack gap={4} style={{ opacity: preview.isPlaceholderData || !complete ? 0.55 : 1 }}>
            <Text fz={28} fw={650} data-testid="preview-count" aria-live="polite">
              {t('segments.preview.count', { count: f.number(data.count) })}
            </Text>
            <Text size="sm">
              {t('segments.preview.share', { share: f.percent(data.share) })} · {t('segments.preview.revenueShare', { share: f.percent(data.revenueShare) })}
            </Text>
            <Text size="xs" c="dimmed">{t('segments.preview.took', { ms: f.number(data.tookMs) })}</Text>
          </Stack>
        )}
        {data && data.sample.length > 0 && (
          <>
            <Text size="sm" fw={600}>{t('segments.preview.sample')}</Text>
            <MembersTable rows={data.sample} label={t('segments.preview.sample')} compact />
          </>
        )}
        {data && data.count === 0 && <Text c="dimmed" size="sm">{t('segments.preview.none')}</Text>}
      </Stack>
    </Paper>
  );
}
