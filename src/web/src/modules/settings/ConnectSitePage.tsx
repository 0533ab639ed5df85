import { Button, EmptyState, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState.js';
import { PageLoader } from '../../components/PageLoader.js';
import { can } from '../../session/session.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { CodeSnippet } from './CodeSnippet.js';
import { CopyValue } from './CopyValue.js';
import { CreateApiKeyModal } from './CreateApiKeyModal.js';
import { useApiKeys } from './settings.api.js';
import { snippet, snippetKinds } from './snippets.js';

/** How to send a site's and a server's data here: the write key and snippets with it filled in. */
export function ConnectSitePage() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const keys = useApiKeys();
  const [creating, create] = useDisclosure(false);
  const [chosen, setChosen] = useState<string | null>(null);
  if (keys.isPending) return <PageLoader minHeight={240} />;
  if (keys.isError) return <ErrorState error={keys.error} onRetry={() => void keys.refetch()} />;

  // Newest first, as the API lists them: a freshly created key is the one offered.
  const writeKeys = keys.data.keys.flatMap((k) => (k.kind === 'write' && k.revokedAt === null && k.writeKey ? [{ ...k, writeKey: k.writeKey }] : []));
  const key = writeKeys.find((k) => k.id === chosen) ?? writeKeys[0];
  const manage = can(workspace.role, 'keys:write');
  // One place in the tree for both branches: the new key arrives while the window still shows it.
  const createModal = manage && <CreateApiKeyModal opened={creating} onClose={create.close} kind="write" name={t('settings.connect.keyName')} />;
  return (
    <>
      {key ? <Snippets writeKeys={writeKeys} chosen={key} onChoose={setChosen} /> : <NoWriteKey manage={manage} onCreate={create.open} />}
      {createModal}
    </>
  );
}

function NoWriteKey({ manage, onCreate }: { manage: boolean; onCreate: () => void }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md">
      <EmptyState py="xl" title={t('settings.connect.noKeyTitle')} description={manage ? t('settings.connect.noKeyText') : t('settings.connect.noKeyAsk')}>
        {manage && (
          <Button mt="md" onClick={onCreate}>
            {t('settings.connect.createKey')}
          </Button>
        )}
      </EmptyState>
    </Paper>
  );
}

interface WriteKey {
  id: string;
  name: string;
  prefix: string;
  writeKey: string;
}

function Snippets({ writeKeys, chosen: key, onChoose }: { writeKeys: WriteKey[]; chosen: WriteKey; onChoose: (id: string | null) => void }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const origin = window.location.origin;
  const context = { writeKey: key.writeKey, origin, currency: workspace.currency };
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('settings.connect.intro')}
      </Text>
      <Paper withBorder radius="md" p="md" component="section" aria-label={t('settings.connect.writeKey')}>
        <Stack gap="sm">
          {writeKeys.length > 1 && (
            <Select
              label={t('settings.connect.chooseKey')}
              data={writeKeys.map((k) => ({ value: k.id, label: `${k.name} (${k.prefix}…)` }))}
              value={key.id}
              onChange={onChoose}
              allowDeselect={false}
              maw={360}
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <div>
              <Text size="sm" fw={500} mb={6}>
                {t('settings.connect.writeKey')}
              </Text>
              <CopyValue value={key.writeKey} label={t('settings.connect.writeKey')} />
              <Text size="xs" c="dimmed" mt={6}>
                {t('settings.connect.writeKeyHint')}
              </Text>
            </div>
            <div>
              <Text size="sm" fw={500} mb={6}>
                {t('settings.connect.endpoint')}
              </Text>
              <CopyValue value={`${origin}/v1`} label={t('settings.connect.endpoint')} />
              <Text size="xs" c="dimmed" mt={6}>
                /v1/identify, /v1/track, /v1/page, /v1/screen, /v1/batch…
              </Text>
            </div>
          </SimpleGrid>
        </Stack>
      </Paper>
      <Title order={2} size="h4" mt="xs">
        {t('settings.connect.snippetsTitle')}
      </Title>
      {snippetKinds.map((kind) => (
        <CodeSnippet key={kind} title={t(`settings.connect.snippets.${kind}.title`)} description={t(`settings.connect.snippets.${kind}.text`)} code={snippet(kind, context)} />
      ))}
    </Stack>
  );
}
