import { Alert, Button, Group, Modal, Radio, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.js';
import { ErrorState } from '../../components/ErrorState.js';
import { useReasonWording } from '../../components/useReasonWording.js';
import { CopyValue } from './CopyValue.js';
import { useCreateApiKey } from './settings.api.js';
import type { ApiKeyKind, CreatedApiKey } from './settings.types.js';

/** Props of CreateApiKeyModal. */
export interface CreateApiKeyModalProps {
  opened: boolean;
  onClose: () => void;
  /** The kind chosen when the window opens. */
  kind?: ApiKeyKind;
  /** The name suggested when the window opens. */
  name?: string;
}

/** Creates an API key and then shows it; a secret key is shown this once, with a warning saying so. */
export function CreateApiKeyModal({ opened, onClose, kind = 'secret', name = '' }: CreateApiKeyModalProps) {
  const { t } = useTranslation();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const close = () => {
    // Forgotten on closing: the page keeps no copy of a secret.
    setCreated(null);
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={created ? t('settings.keys.createdTitle', { name: created.name }) : t('settings.keys.createTitle')}
      size="lg"
      centered
      closeOnClickOutside={!created}
    >
      {opened && !created && <CreateForm initialKind={kind} initialName={name} onCreated={setCreated} onCancel={close} />}
      {opened && created && <CreatedKey apiKey={created} onDone={close} />}
    </Modal>
  );
}

function CreateForm(props: { initialKind: ApiKeyKind; initialName: string; onCreated: (key: CreatedApiKey) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const create = useCreateApiKey();
  const [name, setName] = useState(props.initialName);
  const [kind, setKind] = useState<ApiKeyKind>(props.initialKind);
  const wordReason = useReasonWording();
  const fieldErrors = create.error instanceof ApiError ? create.error.fieldErrors(wordReason) : {};
  const generalError = create.error && !fieldErrors.name && !fieldErrors.kind ? create.error : null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ kind, name: name.trim() }, { onSuccess: props.onCreated });
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {generalError && <ErrorState error={generalError} />}
        <TextInput
          label={t('settings.keys.name')}
          description={t('settings.keys.nameHint')}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fieldErrors.name}
          maxLength={100}
          data-autofocus
        />
        <Radio.Group label={t('settings.keys.kind')} value={kind} onChange={(value) => setKind(value === 'write' ? 'write' : 'secret')} error={fieldErrors.kind}>
          <Stack gap="sm" mt="xs">
            <Radio value="secret" label={t('settings.keys.kinds.secret')} description={t('settings.keys.secretHint')} />
            <Radio value="write" label={t('settings.keys.kinds.write')} description={t('settings.keys.writeHint')} />
          </Stack>
        </Radio.Group>
        <Group justify="flex-end" mt="sm">
          <Button variant="default" onClick={props.onCancel}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('settings.keys.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CreatedKey({ apiKey, onDone }: { apiKey: CreatedApiKey; onDone: () => void }) {
  const { t } = useTranslation();
  const secret = apiKey.kind === 'secret';
  return (
    <Stack>
      {secret ? (
        <Alert color="orange" variant="light" title={t('settings.keys.onceTitle')}>
          {t('settings.keys.onceText')}
        </Alert>
      ) : (
        <Text size="sm">{t('settings.keys.writeCreated')}</Text>
      )}
      <CopyValue value={apiKey.key} label={t('settings.keys.columns.key')} />
      {secret && (
        <Text size="sm" c="dimmed">
          {t('settings.keys.usage')}
        </Text>
      )}
      <Group justify="flex-end">
        <Button onClick={onDone}>{secret ? t('settings.keys.savedIt') : t('settings.keys.close')}</Button>
      </Group>
    </Stack>
  );
}
