import { Anchor, EmptyState, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import type { ImportJob } from '../../api/types.js';
import { ErrorState } from '../../components/ErrorState.js';
import { ListSkeleton } from '../../components/ListSkeleton.js';
import { useFormatter } from '../../format/useFormatter.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { useImportList } from './imports.api.js';
import { ImportStatusBadge } from './ImportStatusBadge.js';
import { useImportLabels } from './useImportLabels.js';

/** The workspace's latest imports, newest first; a row opens the import. */
export function RecentImports({ canUpload }: { canUpload: boolean }) {
  const { t } = useTranslation();
  const list = useImportList();
  return (
    <Paper withBorder radius="md" p={0} component="section" aria-label={t('imports.list.title')} style={{ overflow: 'hidden' }}>
      <Title order={2} size="h4" p="md" pb="sm">
        {t('imports.list.title')}
      </Title>
      {list.isPending ? (
        <ListSkeleton rows={4} height={28} flushTop />
      ) : list.isError ? (
        <Stack p="md" pt={0}>
          <ErrorState error={list.error} onRetry={() => void list.refetch()} />
        </Stack>
      ) : list.data.items.length === 0 ? (
        <EmptyState
          py="xl"
          title={t('imports.list.emptyTitle')}
          description={canUpload ? t('imports.list.emptyText') : t('imports.list.emptyReadOnly')}
        />
      ) : (
        <ImportTable jobs={list.data.items} />
      )}
    </Paper>
  );
}

function ImportTable({ jobs }: { jobs: ImportJob[] }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const labels = useImportLabels();
  const navigate = useNavigate();
  const workspace = useWorkspace();
  const url = (id: string) => `/w/${workspace.id}/imports/${id}`;
  return (
    <Table.ScrollContainer minWidth={760} type="native">
      <Table highlightOnHover verticalSpacing="xs" horizontalSpacing="md">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('imports.list.file')}</Table.Th>
            <Table.Th>{t('imports.list.kind')}</Table.Th>
            <Table.Th>{t('imports.list.status')}</Table.Th>
            <Table.Th>{t('imports.list.rows')}</Table.Th>
            <Table.Th>{t('imports.list.created')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {jobs.map((job) => (
            <Table.Tr key={job.id} onClick={() => void navigate(url(job.id))} style={{ cursor: 'pointer' }}>
              <Table.Td maw={360} style={{ overflowWrap: 'anywhere' }}>
                <Anchor component={Link} to={url(job.id)} fw={500} onClick={(e) => e.stopPropagation()}>
                  {job.fileName}
                </Anchor>
              </Table.Td>
              <Table.Td>{labels.kind(job.kind)}</Table.Td>
              <Table.Td>
                <ImportStatusBadge status={job.status} />
                {job.status === 'running' && (
                  <Text span size="xs" c="dimmed" ml={6}>
                    {t('imports.progress.percent', { value: f.number(job.percent) })}
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                {job.status === 'pending' || job.status === 'queued' ? (
                  <Text span c="dimmed">
                    {t('imports.list.rowsPending')}
                  </Text>
                ) : (
                  t('imports.list.rowsValue', { ok: f.number(job.rowsOk), failed: f.number(job.rowsFailed) })
                )}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>{f.dateTime(job.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
