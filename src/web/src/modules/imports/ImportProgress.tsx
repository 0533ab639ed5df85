import { Group, Loader, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../api/types.js';
import { useFormatter } from '../../format/useFormatter.js';

/** A queued or running import: how far it is, how many rows it has read and how fast. */
export function ImportProgress({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const percent = t('imports.progress.percent', { value: f.number(job.percent) });
  // The total is known only once the whole file has been read; until then the share of bytes read leads.
  const rows =
    job.rowsTotal === null
      ? t('imports.progress.rowsSoFar', { done: f.number(job.rowsDone) })
      : t('imports.progress.rows', { done: f.number(job.rowsDone), total: f.number(job.rowsTotal) });
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label={t('imports.progress.running')}>
      <Stack gap="sm">
        <Group gap="xs">
          <Loader size="sm" />
          <Title order={2} size="h4">
            {job.status === 'queued' ? t('imports.progress.queued') : t('imports.progress.running')}
          </Title>
        </Group>
        <Group gap="md" wrap="nowrap" align="center">
          <Progress
            value={job.percent}
            size="xl"
            radius="xl"
            striped
            animated
            style={{ flex: 1 }}
            aria-label={t('imports.progress.running')}
          />
          <Text fw={700} size="lg" miw={64} ta="right">
            {percent}
          </Text>
        </Group>
        <Group justify="space-between" gap="xs">
          <Text size="sm">{rows}</Text>
          <Text size="sm" c="dimmed">
            {t('imports.progress.speed', { rate: f.number(job.rowsPerSecond) })}
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          {t('imports.progress.counts', { ok: f.number(job.rowsOk), failed: f.number(job.rowsFailed) })}
        </Text>
      </Stack>
    </Paper>
  );
}
