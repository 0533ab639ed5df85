import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ErrorState } from '../../components/ErrorState.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { useCancelImport } from './imports.api.js';

/** Cancels an import that was not started (its uploaded file is deleted) and goes back to the list of imports. */
export function CancelImportButton({ importId }: { importId: string }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const navigate = useNavigate();
  const cancel = useCancelImport(importId);
  return (
    <>
      <Button
        variant="subtle"
        color="red"
        loading={cancel.isPending}
        onClick={() => cancel.mutate(undefined, { onSuccess: () => void navigate(`/w/${workspace.id}/imports`) })}
      >
        {t('imports.pending.cancel')}
      </Button>
      {cancel.error && <ErrorState error={cancel.error} />}
    </>
  );
}
