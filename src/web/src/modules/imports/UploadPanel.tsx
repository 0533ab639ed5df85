import { Box, Button, FileButton, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { type DragEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { ImportKind } from '../../api/types.js';
import { ErrorState } from '../../components/ErrorState.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { useUploadImport } from './imports.api.js';
import { useImportLabels } from './useImportLabels.js';

const kinds: readonly ImportKind[] = ['customers', 'orders'];

/** Uploads a CSV file of customers or orders, chosen or dropped, and opens its column check. */
export function UploadPanel() {
  const { t } = useTranslation();
  const labels = useImportLabels();
  const workspace = useWorkspace();
  const navigate = useNavigate();
  const [kind, setKind] = useState<ImportKind>('customers');
  const [dragging, setDragging] = useState(false);
  const resetInput = useRef<() => void>(null);
  const upload = useUploadImport();

  const send = (file: File | null) => {
    if (!file || upload.isPending) return;
    upload.mutate(
      { file, kind },
      { onSuccess: ({ preview }) => void navigate(`/w/${workspace.id}/imports/${preview.id}`) },
    );
    // The same file can be chosen again after a failed upload.
    resetInput.current?.();
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    send(event.dataTransfer.files[0] ?? null);
  };

  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label={t('imports.upload.title')}>
      <Stack gap="md">
        <Group justify="space-between" align="center" wrap="wrap">
          <Title order={2} size="h4">
            {t('imports.upload.title')}
          </Title>
          <Group gap="sm">
            <Text size="sm" c="dimmed" id="import-kind-label">
              {t('imports.upload.kind')}
            </Text>
            <SegmentedControl
              aria-labelledby="import-kind-label"
              value={kind}
              onChange={(value) => setKind(kinds.find((k) => k === value) ?? 'customers')}
              data={kinds.map((k) => ({ value: k, label: labels.kind(k) }))}
            />
          </Group>
        </Group>
        <Box
          onDragOver={(event) => {
            event.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
          p="xl"
          bg={dragging ? 'blue.0' : 'gray.0'}
          style={{
            border: `2px dashed var(--mantine-color-${dragging ? 'blue-5' : 'gray-4'})`,
            borderRadius: 'var(--mantine-radius-md)',
            transition: 'background-color 120ms, border-color 120ms',
          }}
        >
          <Stack align="center" gap={6}>
            <Text fw={600}>{upload.isPending && upload.variables ? t('imports.upload.uploading', { name: upload.variables.file.name }) : t('imports.upload.drop')}</Text>
            <Text size="sm" c="dimmed">
              {t('imports.upload.or')}
            </Text>
            <FileButton onChange={send} accept=".csv,.txt,text/csv,text/plain" resetRef={resetInput} disabled={upload.isPending}>
              {(props) => (
                <Button {...props} loading={upload.isPending}>
                  {t('imports.upload.choose')}
                </Button>
              )}
            </FileButton>
            <Text size="xs" c="dimmed" ta="center" maw={560} mt={6}>
              {t('imports.upload.hint')}
            </Text>
          </Stack>
        </Box>
        {upload.error && <ErrorState error={upload.error} />}
      </Stack>
    </Paper>
  );
}
