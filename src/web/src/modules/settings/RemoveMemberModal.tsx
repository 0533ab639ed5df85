import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { ErrorState } from '../../components/ErrorState.js';
import { useSignedInSession } from '../../session/session.js';
import { useRemoveMember } from './settings.api.js';
import type { Member } from './settings.types.js';

/** Props of RemoveMemberModal. */
export interface RemoveMemberModalProps {
  /** The member to remove (kept while the window closes, so its text does not blink). */
  member: Member | null;
  opened: boolean;
  onClose: () => void;
}

/** Confirms removing a member from the workspace; the API's refusal (the last owner) is shown in the window. */
export function RemoveMemberModal({ member, opened, onClose }: RemoveMemberModalProps) {
  const { t } = useTranslation();
  const { user } = useSignedInSession();
  const remove = useRemoveMember();
  const name = member ? member.name || member.email : '';
  const close = () => {
    remove.reset();
    onClose();
  };
  const confirm = () => {
    if (!member) return;
    remove.mutate(member.id, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('settings.members.removed', { name }) });
        close();
      },
    });
  };
  return (
    <Modal opened={opened && member !== null} onClose={close} title={t('settings.members.removeTitle', { name })} centered>
      <Stack>
        <Text size="sm">{t('settings.members.removeText')}</Text>
        {member?.id === user.id && (
          <Text size="sm" fw={600} c="red">
            {t('settings.members.removeSelf')}
          </Text>
        )}
        {remove.error && <ErrorState error={remove.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={confirm} loading={remove.isPending}>
            {t('settings.members.removeConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
