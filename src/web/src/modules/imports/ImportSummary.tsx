import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportJob } from '../../api/types.js';
import { useFormatter } from '../../format/useFormatter.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { errorReportUrl } from './imports.api.js';

/** An import that has ended: rows imported and not, the reason it stopped if it failed, and the error report. */
export function ImportSummary({ job }: { job: ImportJob }) {
  const { t, i18n } = useTranslation();
  const f = useFormatter();
  const workspace = useWorkspace();
  const failed = job.status === 'failed';
  const numbers = [
    { label: t('imports.summary.total'), value: f.number(job.rowsTotal ?? job.rowsDone), color: undefined },
    { label: t('imports.summary.ok'), value: f.number(job.rowsOk), color: job.rowsOk > 0 ? 'green.8' : undefined },
    { label: t('imports.summary.failed'), value: f.number(job.rowsFailed), color: job.rowsFailed > 0 ? 'red.7' : undefined },
    { label: t('imports.summary.speed'), value: t('imports.summary.speedValue', { rate: f.number(job.rowsPerSecond) }), color: undefined },
  ];
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label={failed ? t('imports.summary.failedTitle') : t('imports.summary.doneTitle')}>
      <Stack gap="md">
        <div>
          <Title order={2} size="h4">
            {failed ? t('imports.summary.failedTitle') : t('imports.summary.doneTitle')}
          </Title>
          {job.finishedAt !== null && (
            <Text size="sm" c="dimmed" mt={4}>
              {t('imports.summary.finished', { date: f.dateTime(job.finishedAt) })}
            </Text>
          )}
        </div>
        {failed && job.error && (
          <Alert color="red" variant="light" role="alert">
            {job.error}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" role="list">
          {numbers.map((n) => (
            <Paper key={n.label} withBorder p="sm" radius="md" role="listitem">
              <Text size="xs" c="dimmed" tt="uppercase" fw={600} lh={1.3}>
                {n.label}
              </Text>
              <Text size="xl" fw={650} mt={4} c={n.color} style={{ whiteSpace: 'nowrap' }}>
                {n.value}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
        {job.status === 'done' && job.rowsFailed === 0 && (
          <Text size="sm" c="green.8">
            {t('imports.summary.allImported')}
          </Text>
        )}
        <Group gap="sm">
          {job.rowsFailed > 0 && (
            <Button component="a" href={errorReportUrl(workspace.id, job.id, i18n.language)} download>
              {t('imports.summary.download')}
            </Button>
          )}
          <Button component={Link} to={`/w/${workspace.id}/customers`} variant="default">
            {t('imports.summary.toCustomers')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
