import { Anchor, Breadcrumbs, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { ImportJob } from '../../api/types.js';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { useFormatter } from '../../format/useFormatter.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { NotFoundPage } from '../../shell/NotFoundPage.js';
import { formatFileSize } from './file-size.js';
import { ExpiredImport } from './ExpiredImport.js';
import { ImportErrorsTable } from './ImportErrorsTable.js';
import { ImportProgress } from './ImportProgress.js';
import { useImport, useImportDraft } from './imports.api.js';
import { ImportStatusBadge } from './ImportStatusBadge.js';
import { ImportSummary } from './ImportSummary.js';
import { MappingStep } from './MappingStep.js';
import { PendingImport } from './PendingImport.js';
import { useImportLabels } from './useImportLabels.js';

/** One import, at whatever stage it is: the column check, its progress, or its summary and errors. */
export function ImportPage() {
  const { importId } = useParams();
  if (!importId) return <NotFoundPage />;
  return <ImportView key={importId} importId={importId} />;
}

function ImportView({ importId }: { importId: string }) {
  const job = useImport(importId);
  if (job.isPending) return <PageLoader minHeight="50vh" />;
  if (job.isError) {
    return (
      <Stack>
        <Crumbs />
        <ErrorState error={job.error} onRetry={() => void job.refetch()} />
      </Stack>
    );
  }
  return (
    <Stack gap="md">
      <Crumbs fileName={job.data.fileName} />
      <Heading job={job.data} />
      <Stage job={job.data} />
    </Stack>
  );
}

function Stage({ job }: { job: ImportJob }) {
  const draft = useImportDraft(job.id);
  switch (job.status) {
    case 'pending':
      return draft.data ? <MappingStep draft={draft.data} /> : <PendingImport job={job} />;
    case 'queued':
    case 'running':
      return <ImportProgress job={job} />;
    case 'done':
    case 'failed':
      return (
        <>
          <ImportSummary job={job} />
          {job.rowsFailed > 0 && <ImportErrorsTable importId={job.id} />}
        </>
      );
    case 'expired':
      return <ExpiredImport />;
  }
}

function Crumbs({ fileName }: { fileName?: string }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  return (
    <Breadcrumbs>
      <Anchor component={Link} to={`/w/${workspace.id}/imports`} size="sm">
        {t('imports.back')}
      </Anchor>
      {fileName && (
        <Text size="sm" c="dimmed">
          {fileName}
        </Text>
      )}
    </Breadcrumbs>
  );
}

function Heading({ job }: { job: ImportJob }) {
  const { i18n } = useTranslation();
  const f = useFormatter();
  const labels = useImportLabels();
  return (
    <div>
      <Group gap="sm" wrap="nowrap">
        <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
          {job.fileName}
        </Title>
        <ImportStatusBadge status={job.status} />
      </Group>
      <Text size="sm" c="dimmed" mt={4}>
        {[labels.kind(job.kind), formatFileSize(job.fileSize, i18n.language), f.dateTime(job.createdAt)].join(' · ')}
      </Text>
    </div>
  );
}
