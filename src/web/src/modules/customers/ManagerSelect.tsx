import { Group, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../api/types.js';
import { useMembers } from '../../api/members.js';
import { memberLabel } from './members.api.js';

/** Props of ManagerSelect. */
export interface ManagerSelectProps {
  /** User id of the responsible manager; '' for none. */
  value: string;
  onChange: (userId: string) => void;
  error?: string;
}

/** Picks the customer's responsible manager among the workspace members (any role); clearable. */
export function ManagerSelect({ value, onChange, error }: ManagerSelectProps) {
  const { t } = useTranslation();
  const members = useMembers();
  const options: { value: string; label: string; role: Role | null }[] = (members.data ?? []).map((m) => ({ value: m.id, label: memberLabel(m), role: m.role }));
  // A manager who has left the workspace stays assigned until someone picks another; named so.
  if (value && members.data && !options.some((o) => o.value === value)) {
    options.push({ value, label: t('customers.formerMember'), role: null });
  }
  const roleOf = (id: string) => options.find((o) => o.value === id)?.role ?? null;
  return (
    <Select
      label={t('edit.fields.managerUserId')}
      placeholder={members.isPending ? t('common.loading') : t('edit.noManager')}
      data={options.map(({ value: id, label }) => ({ value: id, label }))}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      disabled={members.isPending}
      error={error ?? (members.isError ? t('edit.membersFailed') : undefined)}
      renderOption={({ option }) => {
        const role = roleOf(option.value);
        return (
          <Group justify="space-between" wrap="nowrap" w="100%" gap="xs">
            <Text size="sm">{option.label}</Text>
            {role && (
              <Text size="xs" c="dimmed">
                {t(`roles.${role}`)}
              </Text>
            )}
          </Group>
        );
      }}
      searchable
      clearable
      nothingFoundMessage={t('edit.noMemberFound')}
    />
  );
}
