import { Alert, Button, Group, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isRole } from '../../../../platform/roles.js';
import { ApiError } from '../../api/client.js';
import type { Role } from '../../api/types.js';
import { ErrorState } from '../../components/ErrorState.js';
import { useReasonWording } from '../../components/useReasonWording.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { CopyValue } from './CopyValue.js';
import { generatePassword } from './generate-password.js';
import { grantableRoles } from './role-choices.js';
import { useAddMember } from './settings.api.js';
import type { AddMemberBody, AddMemberResult } from './settings.types.js';

/** Props of AddMemberModal. */
export interface AddMemberModalProps {
  opened: boolean;
  onClose: () => void;
}

/** Adds a user with a role: a new account with a first password, or someone who already has one. */
export function AddMemberModal({ opened, onClose }: AddMemberModalProps) {
  const { t } = useTranslation();
  const [added, setAdded] = useState<{ result: AddMemberResult; password: string } | null>(null);
  const close = () => {
    setAdded(null);
    onClose();
  };
  return (
    // The first password is on screen once: a stray click beside the window must not lose it.
    <Modal opened={opened} onClose={close} title={t('settings.members.addTitle')} size="lg" centered closeOnClickOutside={!added}>
      {/* Mounted only while open, so each opening starts with an empty form and a fresh password. */}
      {opened && !added && <AddForm onAdded={(result, password) => setAdded({ result, password })} onCancel={close} />}
      {opened && added && <Added result={added.result} password={added.password} onDone={close} />}
    </Modal>
  );
}

type Account = 'new' | 'existing';

function AddForm({ onAdded, onCancel }: { onAdded: (result: AddMemberResult, password: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const add = useAddMember();
  const roles = grantableRoles(workspace.role);
  const [account, setAccount] = useState<Account>('new');
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>(roles.includes('manager') ? 'manager' : (roles.at(-1) ?? 'analyst'));
  const [password, setPassword] = useState(generatePassword);

  const wordReason = useReasonWording();
  const fieldErrors = add.error instanceof ApiError ? add.error.fieldErrors(wordReason) : {};
  const shown = account === 'new' ? ['email', 'role', 'name', 'password'] : ['email', 'role'];
  // A refusal about no field on screen (a conflict, a role above one's own) is shown above the fields.
  const generalError = add.error && !Object.keys(fieldErrors).some((f) => shown.includes(f)) ? add.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body: AddMemberBody = { email: email.trim(), role };
    if (account === 'new') {
      body.password = password;
      if (name.trim()) body.name = name.trim();
    }
    add.mutate(body, { onSuccess: (result) => onAdded(result, account === 'new' ? password : '') });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {generalError && <ErrorState error={generalError} />}
        <SegmentedControl
          aria-label={t('settings.members.account')}
          value={account}
          onChange={(value) => setAccount(value === 'existing' ? 'existing' : 'new')}
          data={[
            { value: 'new', label: t('settings.members.newAccount') },
            { value: 'existing', label: t('settings.members.existingAccount') },
          ]}
        />
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          <TextInput label={t('settings.members.email')} type="email" value={email} onChange={(e) => setEmail(e.currentTarget.value)} error={fieldErrors.email} required data-autofocus />
          <Select
            label={t('settings.members.role')}
            data={roles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            value={role}
            onChange={(value) => value && isRole(value) && setRole(value)}
            allowDeselect={false}
            error={fieldErrors.role}
            comboboxProps={{ withinPortal: true }}
          />
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt={-8}>
          {t(`settings.members.roleHints.${role}`)}
        </Text>
        {account === 'new' ? (
          <>
            <TextInput label={t('settings.members.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} error={fieldErrors.name} maxLength={100} />
            <Group align="flex-end" gap="xs" wrap="nowrap">
              <TextInput
                label={t('settings.members.password')}
                description={t('settings.members.passwordHint')}
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={fieldErrors.password}
                ff="monospace"
                autoComplete="new-password"
                style={{ flex: 1 }}
              />
              <Button variant="default" onClick={() => setPassword(generatePassword())} mb={fieldErrors.password ? 22 : 0}>
                {t('settings.members.generate')}
              </Button>
            </Group>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('settings.members.existingHint')}
          </Text>
        )}
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={add.isPending}>
            {t('settings.members.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function Added({ result, password, onDone }: { result: AddMemberResult; password: string; onDone: () => void }) {
  const { t } = useTranslation();
  const { member } = result;
  return (
    <Stack>
      <Alert color="green" variant="light" title={t('settings.members.addedTitle', { email: member.email, role: t(`roles.${member.role}`) })}>
        {result.created ? t('settings.members.createdText') : t('settings.members.existingText')}
      </Alert>
      {result.created && (
        <Stack gap="xs">
          <Field label={t('settings.members.address')} value={`${window.location.origin}/signin`} />
          <Field label={t('settings.members.email')} value={member.email} />
          <Field label={t('settings.members.password')} value={password} />
        </Stack>
      )}
      <Group justify="flex-end">
        <Button onClick={onDone}>{t('settings.members.done')}</Button>
      </Group>
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="sm" fw={500} mb={4}>
        {label}
      </Text>
      <CopyValue value={value} label={label} />
    </div>
  );
}
