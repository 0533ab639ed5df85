import { Button, EmptyState, Paper, Stack } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState.js';
import { ListSkeleton } from '../../components/ListSkeleton.js';
import { can } from '../../session/session.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { ApiKeysTable } from './ApiKeysTable.js';
import { CreateApiKeyModal } from './CreateApiKeyModal.js';
import { RevokeApiKeyModal } from './RevokeApiKeyModal.js';
import { SectionHeader } from './SectionHeader.js';
import { useApiKeys } from './settings.api.js';
import type { ApiKey } from './settings.types.js';

/** The workspace's API keys; owners and administrators create them (a secret shown once) and revoke them. */
export function ApiKeysPage() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const keys = useApiKeys();
  const manage = can(workspace.role, 'keys:write');
  const [creating, create] = useDisclosure(false);
  const [target, setTarget] = useState<ApiKey | null>(null);
  const [revoking, revoke] = useDisclosure(false);
  const askToRevoke = (key: ApiKey) => {
    setTarget(key);
    revoke.open();
  };
  return (
    <Stack gap="md">
      <SectionHeader
        intro={manage ? t('settings.keys.intro') : t('settings.keys.readOnlyHint')}
        action={
          manage ? (
            <Button onClick={create.open} style={{ flexShrink: 0 }}>
              {t('settings.keys.create')}
            </Button>
          ) : null
        }
      />
      <Paper withBorder radius="md" p={0} style={{ overflow: 'hidden' }}>
        {keys.isPending ? (
          <ListSkeleton rows={3} />
        ) : keys.isError ? (
          <Stack p="md">
            <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />
          </Stack>
        ) : keys.data.keys.length === 0 ? (
          <EmptyState py="xl" title={t('settings.keys.emptyTitle')} description={manage ? t('settings.keys.emptyText') : t('settings.keys.emptyReadOnly')}>
            {manage && (
              <Button mt="md" variant="light" onClick={create.open}>
                {t('settings.keys.create')}
              </Button>
            )}
          </EmptyState>
        ) : (
          <ApiKeysTable keys={keys.data.keys} manage={manage} onRevoke={askToRevoke} />
        )}
      </Paper>
      {manage && <CreateApiKeyModal opened={creating} onClose={create.close} />}
      {manage && <RevokeApiKeyModal apiKey={target} opened={revoking} onClose={revoke.close} />}
    </Stack>
  );
}
