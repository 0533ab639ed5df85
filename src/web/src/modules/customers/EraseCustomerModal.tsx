import { Button, Group, List, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { CustomerProfile } from '../../api/types.js';
import { ErrorState } from '../../components/ErrorState.js';
import { personName } from '../../format/format.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { useEraseCustomer } from './customers.api.js';

/** Props of EraseCustomerModal. */
export interface EraseCustomerModalProps {
  profile: CustomerProfile;
  opened: boolean;
  onClose: () => void;
}

/** Confirms erasing a customer's personal data, saying exactly what goes and what stays. */
export function EraseCustomerModal({ profile, opened, onClose }: EraseCustomerModalProps) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const navigate = useNavigate();
  const erase = useEraseCustomer(profile.id);
  const [reason, setReason] = useState('');
  const name = personName(profile) ?? t('customers.unnamed', { id: profile.id });
  const confirm = () =>
    erase.mutate(reason.trim(), {
      onSuccess: () => {
        notifications.show({ color: 'green', message: t('erase.done', { name }) });
        navigate(`/w/${workspace.id}/customers`, { replace: true });
      },
    });
  return (
    <Modal opened={opened} onClose={onClose} title={t('erase.title', { name })} centered size="md">
      <Stack>
        <Text size="sm">{t('erase.intro')}</Text>
        <List size="sm" spacing={4}>
          <List.Item>{t('erase.fields')}</List.Item>
          <List.Item>{t('erase.identifiers', { n: profile.identifiers.length })}</List.Item>
          <List.Item>{t('erase.consent')}</List.Item>
          <List.Item>{t('erase.events')}</List.Item>
        </List>
        <Text size="sm">{t('erase.ordersKept', { n: profile.stats.ordersCount })}</Text>
        <Text size="sm" fw={600} c="red">
          {t('erase.irreversible')}
        </Text>
        <Textarea label={t('erase.reason')} description={t('erase.reasonHint')} value={reason} onChange={(e) => setReason(e.currentTarget.value)} maxLength={500} autosize minRows={2} />
        {erase.error && <ErrorState error={erase.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" onClick={confirm} loading={erase.isPending}>
            {t('erase.confirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
