import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ImportJob } from '../../api/types.js';
import { ErrorState } from '../../components/ErrorState.js';
import { canRunImports } from '../../session/session.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { CancelImportButton } from './CancelImportButton.js';
import { useStartImport } from './imports.api.js';

/**
 * An uploaded import that was never started, opened after its preview is gone (the preview lives
 * only in the tab that uploaded the file): it can be started as detected, or the file uploaded again.
 */
export function PendingImport({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const start = useStartImport(job.id);
  const writable = canRunImports(workspace.role);
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h4">
          {t('imports.pending.title')}
        </Title>
        {writable && (
          <>
            <Text size="sm" c="dimmed" maw={720}>
              {t('imports.pending.text')}
            </Text>
            {start.error && <ErrorState error={start.error} />}
            <Group gap="sm">
              <Button onClick={() => start.mutate({})} loading={start.isPending}>
                {t('imports.pending.start')}
              </Button>
              <Button component={Link} to={`/w/${workspace.id}/imports`} variant="default">
                {t('imports.preview.another')}
              </Button>
              <CancelImportButton importId={job.id} />
            </Group>
          </>
        )}
      </Stack>
    </Paper>
  );
}
