import { Button, Group, Modal, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import type { CustomerProfile } from '../../api/types.js';
import { DateField } from '../../components/DateField.js';
import { ErrorState } from '../../components/ErrorState.js';
import { useReasonWording } from '../../components/useReasonWording.js';
import { consentChannels } from './ConsentCard.js';
import { useUpdateCustomer } from './customers.api.js';
import { changes, choiceFields, type EditValues, initialValues, textFields } from './edit-form.js';
import { ManagerSelect } from './ManagerSelect.js';

const genders = ['female', 'male', 'other'] as const;
const channels = ['email', 'sms', 'push', 'messenger'] as const;

/** Props of EditCustomerModal. */
export interface EditCustomerModalProps {
  profile: CustomerProfile;
  opened: boolean;
  onClose: () => void;
}

/** Edits a customer's fields, responsible manager and consent; the API's validation messages appear next to the fields. */
export function EditCustomerModal({ profile, opened, onClose }: EditCustomerModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('edit.title')} size="lg" centered>
      {/* Mounted only while open, so each opening starts from the saved profile. */}
      {opened && <EditForm profile={profile} onDone={onClose} />}
    </Modal>
  );
}

function EditForm({ profile, onDone }: { profile: CustomerProfile; onDone: () => void }) {
  const { t } = useTranslation();
  const [before] = useState(() => initialValues(profile));
  const [values, setValues] = useState<EditValues>(before);
  const update = useUpdateCustomer(profile.id);
  const wordReason = useReasonWording();
  const fieldErrors = update.error instanceof ApiError ? update.error.fieldErrors(wordReason) : {};
  const formFields: readonly string[] = [...textFields, ...choiceFields];
  // An error on no field of this form (a conflict, a lost connection) is shown above the fields.
  const generalError = update.error && !Object.keys(fieldErrors).some((f) => formFields.includes(f)) ? update.error : null;

  const setField = (field: keyof EditValues['fields'], value: string) => setValues((v) => ({ ...v, fields: { ...v.fields, [field]: value } }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = changes(before, values);
    if (!body) return onDone();
    update.mutate(body, {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('edit.saved') });
        onDone();
      },
    });
  };
  const text = (field: (typeof textFields)[number], type = 'text') => (
    <TextInput
      key={field}
      label={t(`edit.fields.${field}`)}
      type={type}
      value={values.fields[field]}
      onChange={(e) => setField(field, e.currentTarget.value)}
      error={fieldErrors[field]}
    />
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {generalError && <ErrorState error={generalError} />}
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm">
          {text('lastName')}
          {text('firstName')}
          {text('middleName')}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          {text('phone', 'tel')}
          {text('email', 'email')}
          <Select
            label={t('edit.fields.gender')}
            data={genders.map((g) => ({ value: g, label: t(`profile.genders.${g}`) }))}
            value={values.fields.gender || null}
            onChange={(v) => setField('gender', v ?? '')}
            clearable
            error={fieldErrors.gender}
          />
          <DateField label={t('edit.fields.birthDate')} value={values.fields.birthDate} onChange={(day) => setField('birthDate', day)} error={fieldErrors.birthDate} />
          {text('city')}
          {text('region')}
          {text('country')}
          <Select
            label={t('edit.fields.preferredChannel')}
            data={channels.map((c) => ({ value: c, label: t(`profile.channels.${c}`) }))}
            value={values.fields.preferredChannel || null}
            onChange={(v) => setField('preferredChannel', v ?? '')}
            clearable
            error={fieldErrors.preferredChannel}
          />
        </SimpleGrid>
        <ManagerSelect value={values.fields.managerUserId} onChange={(v) => setField('managerUserId', v)} error={fieldErrors.managerUserId} />
        <div>
          <Text size="sm" fw={500} mb={6}>
            {t('profile.consent')}
          </Text>
          <Group gap="xl">
            {consentChannels.map((c) => (
              <Switch
                key={c}
                label={t(`profile.channels.${c}`)}
                checked={values.consent[c] === true}
                onChange={(e) => {
                  const granted = e.currentTarget.checked;
                  setValues((v) => ({ ...v, consent: { ...v.consent, [c]: granted } }));
                }}
              />
            ))}
          </Group>
        </div>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
