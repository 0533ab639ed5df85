import { Button, Code, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState.js';
import { useRevokeApiKey } from './settings.api.js';
import type { ApiKey } from './settings.types.js';

/** Props of RevokeApiKeyModal. */
export interface RevokeApiKeyModalProps {
  /** The key to revoke (kept while the window closes, so its text does not blink). */
  apiKey: ApiKey | null;
  opened: boolean;
  onClose: () => void;
}

/** Confirms revoking an API key, saying that whatever uses it stops working at once. */
export function RevokeApiKeyModal({ apiKey, opened, onClose }: RevokeApiKeyModalProps) {
  const { t } = useTranslation();
  const revoke = useRevokeApiKey();
  const name = apiKey?.name ?? '';
  const close = () => {
    revoke.reset();
    onClose();
  };
  const confirm = () => {
    if (!apiKey) return;
    revoke.mutate(apiKey.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('settings.keys.revokedDone', { name }) });
        close();
      },
    });
  };
  return (
    <Modal opened={opened && apiKey !== null} onClose={close} title={t('settings.keys.revokeTitle', { name })} centered>
      <Stack>
        {apiKey && (
          <Text size="sm">
            {t(`settings.keys.kinds.${apiKey.kind}`)} · <Code>{apiKey.prefix}…</Code>
          </Text>
        )}
        <Text size="sm">{t('settings.keys.revokeText')}</Text>
        {revoke.error && <ErrorState error={revoke.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={confirm} loading={revoke.isPending}>
            {t('settings.keys.revokeConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
