import { Badge } from '@mantine/core';
import type { ImportJob } from '../../api/types.js';
import { useImportLabels } from './useImportLabels.js';

const colors: Record<ImportJob['status'], string> = {
  pending: 'gray',
  queued: 'blue',
  running: 'blue',
  done: 'green',
  failed: 'red',
  expired: 'gray',
};

/** The status of an import as a coloured label. */
export function ImportStatusBadge({ status }: { status: ImportJob['status'] }) {
  const labels = useImportLabels();
  return (
    <Badge color={colors[status]} variant="light" style={{ flexShrink: 0 }}>
      {labels.status(status)}
    </Badge>
  );
}
