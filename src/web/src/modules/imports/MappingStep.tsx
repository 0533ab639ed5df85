import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../components/ErrorState.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { CancelImportButton } from './CancelImportButton.js';
import { FormatPicker } from './FormatPicker.js';
import { type ImportDraft, useStartImport } from './imports.api.js';
import { MappingProblems } from './MappingProblems.js';
import { MappingTable } from './MappingTable.js';
import { useMappingState } from './useMappingState.js';

/** The check before an import starts: format, the column of each field over the first rows, problems, and start. */
export function MappingStep({ draft }: { draft: ImportDraft }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const { preview } = draft;
  const state = useMappingState(draft);
  const start = useStartImport(preview.id);
  const ready = state.table !== null && state.problems.length === 0;
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label={t('imports.preview.title')}>
      <Stack gap="md">
        <div>
          <Title order={2} size="h4">
            {t('imports.preview.title')}
          </Title>
          <Text size="sm" c="dimmed" mt={4} maw={900}>
            {t('imports.preview.intro')}
          </Text>
        </div>
        <FormatPicker
          encoding={state.encoding}
          delimiter={state.delimiter}
          detected={{ encoding: preview.encoding, delimiter: preview.delimiter }}
          onChange={(format) => {
            start.reset();
            state.setFormat(format);
          }}
        />
        {state.table ? (
          <MappingTable
            table={state.table}
            fields={preview.fields}
            mapping={state.mapping}
            onAssign={(column, field) => {
              start.reset();
              state.assign(column, field);
            }}
          />
        ) : (
          <Alert color="red" variant="light" role="alert">
            {t('imports.preview.unreadable')}
          </Alert>
        )}
        {state.problems.length > 0 && <MappingProblems problems={state.problems} />}
        {/* The server checks the mapping again; its 400 names the fields in its own words. */}
        {start.error && <ErrorState error={start.error} />}
        <Group justify="space-between">
          <Group gap="sm">
            <Button component={Link} to={`/w/${workspace.id}/imports`} variant="default">
              {t('imports.preview.another')}
            </Button>
            <CancelImportButton importId={preview.id} />
          </Group>
          <Button onClick={() => start.mutate(state.startBody())} disabled={!ready} loading={start.isPending}>
            {t('imports.preview.start')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
