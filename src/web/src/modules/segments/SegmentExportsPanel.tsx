import { Anchor, Badge, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../format/useFormatter.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { useMemberName } from '../customers/members.api.js';
import { exportFileUrl, useSegmentExports } from './segment-exports.api.js';
import type { SegmentExport } from './segments.types.js';

const colors = { queued: 'gray', running: 'blue', done: 'green', failed: 'red' } as const;

/** A segment's past exports: format, who and when, rows, progress while running, the file once done. */
export function SegmentExportsPanel({ segmentId }: { segmentId: string }) {
  const { t } = useTranslation();
  const exports = useSegmentExports(segmentId);
  const rows = exports.data ?? [];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('segments.exports.title')}>
      <Stack gap="xs">
        <Title order={2} size="h4">{t('segments.exports.title')}</Title>
        {exports.isError && <Text size="sm" c="dimmed">{t('segments.exports.unavailable')}</Text>}
        {exports.isSuccess && rows.length === 0 && <Text size="sm" c="dimmed">{t('segments.exports.none')}</Text>}
        {rows.map((e) => <ExportRow key={e.id} item={e} />)}
      </Stack>
    </Paper>
  );
}

function ExportRow({ item: e }: { item: SegmentExport }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const { id: workspaceId } = useWorkspace();
  const memberName = useMemberName(e.createdBy !== null);
  return (
    <Stack gap={2} data-testid="segment-export">
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600}>{t(`segments.exports.formats.${e.format}`)}</Text>
        <Badge size="sm" variant="light" color={colors[e.status]} style={{ flexShrink: 0 }}>{t(`segments.exports.status.${e.status}`, { percent: f.percent(e.progress, 0) })}</Badge>
      </Group>
      <Text size="xs" c="dimmed">
        {f.dateTime(e.createdAt)}
        {e.createdBy ? ` · ${t('segments.exports.by', { who: memberName(e.createdBy) })}` : ''}
        {e.rows !== null ? ` · ${t('segments.exports.rows', { n: f.number(e.rows), members: f.number(e.members ?? e.rows) })}` : ''}
      </Text>
      {e.status === 'running' && <Progress value={e.progress * 100} size="sm" />}
      {e.status === 'done' && <Anchor href={exportFileUrl(e.id, workspaceId)} size="sm" download>{t('segments.exports.download')}</Anchor>}
      {e.status === 'done' && e.minimumRows !== null && e.rows !== null && e.rows < e.minimumRows && (
        <Text size="xs" c="orange.8">{t('segments.exports.minimum', { n: f.number(e.minimumRows) })}</Text>
      )}
      {e.status === 'failed' && e.error && <Text size="xs" c="red">{e.error}</Text>}
    </Stack>
  );
}
