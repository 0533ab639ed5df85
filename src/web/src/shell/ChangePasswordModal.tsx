import { Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { ErrorState } from '../components/ErrorState.js';
import { useReasonWording } from '../components/useReasonWording.js';
import { useChangePassword } from '../session/session.js';

/** Props of ChangePasswordModal. */
export interface ChangePasswordModalProps {
  opened: boolean;
  onClose: () => void;
}

/** Changes the signed-in user's own password, with the current one; other devices are signed out. */
export function ChangePasswordModal({ opened, onClose }: ChangePasswordModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('shell.passwordTitle')} centered>
      {/* Mounted only while open, so no password stays in the form after it closes. */}
      {opened && <PasswordForm onDone={onClose} />}
    </Modal>
  );
}

function PasswordForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const change = useChangePassword();
  const wordReason = useReasonWording();
  const [currentPassword, setCurrentPassword] = useState('');
  const [password, setPassword] = useState('');
  const [repeated, setRepeated] = useState('');
  const [differ, setDiffer] = useState(false);
  const fieldErrors = change.error instanceof ApiError ? change.error.fieldErrors(wordReason) : {};
  // A refusal about no field on screen (too many attempts, a lost connection) is shown above the fields.
  const generalError = change.error && !fieldErrors.currentPassword && !fieldErrors.password ? change.error : null;
  // An answer about what was sent stops applying once the user edits it.
  const edit = (set: (value: string) => void) => (value: string) => {
    if (change.error) change.reset();
    set(value);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const mismatch = password !== repeated;
    setDiffer(mismatch);
    if (mismatch) return;
    change.mutate(
      { currentPassword, password },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', title: t('shell.passwordChanged'), message: t('shell.passwordChangedText') });
          onDone();
        },
      },
    );
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {generalError && <ErrorState error={generalError} />}
        <PasswordInput
          label={t('shell.currentPassword')}
          value={currentPassword}
          onChange={(e) => edit(setCurrentPassword)(e.currentTarget.value)}
          error={fieldErrors.currentPassword}
          autoComplete="current-password"
          required
          data-autofocus
        />
        <PasswordInput
          label={t('shell.newPassword')}
          description={t('shell.newPasswordHint')}
          value={password}
          onChange={(e) => edit(setPassword)(e.currentTarget.value)}
          error={fieldErrors.password}
          autoComplete="new-password"
          required
        />
        <PasswordInput
          label={t('shell.repeatPassword')}
          value={repeated}
          onChange={(e) => edit(setRepeated)(e.currentTarget.value)}
          error={differ ? t('shell.passwordsDiffer') : undefined}
          autoComplete="new-password"
          required
        />
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={change.isPending} disabled={!currentPassword || !password || !repeated}>
            {t('shell.changePassword')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
