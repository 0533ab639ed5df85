import { Badge, Button, Group, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../api/types.js';
import { ErrorState } from '../../components/ErrorState.js';
import { useFormatter } from '../../format/useFormatter.js';
import { isRole } from '../../../../platform/roles.js';
import { useSignedInSession } from '../../session/session.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { grantableRoles, mayManage } from './role-choices.js';
import { useSetRole } from './settings.api.js';
import type { Member } from './settings.types.js';

/** Props of MembersTable. */
export interface MembersTableProps {
  members: Member[];
  /** The viewer may change roles and remove members. */
  manage: boolean;
  onRemove: (member: Member) => void;
}

/** The members with their roles; a manager of members changes a role right in the row. */
export function MembersTable({ members, manage, onRemove }: MembersTableProps) {
  const { t } = useTranslation();
  const f = useFormatter();
  const workspace = useWorkspace();
  const { user } = useSignedInSession();
  const setRole = useSetRole();
  const grantable = grantableRoles(workspace.role);
  const change = (member: Member, role: Role) =>
    setRole.mutate(
      { userId: member.id, role },
      { onSuccess: () => notifications.show({ color: 'green', message: t('settings.members.roleChanged', { name: member.name || member.email, role: t(`roles.${role}`) }) }) },
    );
  return (
    <Stack gap={0}>
      {setRole.error && (
        <Stack p="md" pb={0}>
          <ErrorState error={setRole.error} />
        </Stack>
      )}
      <Table.ScrollContainer minWidth={720} type="native">
        <Table verticalSpacing="sm" horizontalSpacing="md" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('settings.members.columns.name')}</Table.Th>
              <Table.Th>{t('settings.members.columns.email')}</Table.Th>
              <Table.Th w={220}>{t('settings.members.columns.role')}</Table.Th>
              <Table.Th style={{ whiteSpace: 'nowrap' }}>{t('settings.members.columns.since')}</Table.Th>
              {manage && <Table.Th w={110} />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((member) => {
              const name = member.name || member.email;
              const editable = manage && mayManage(workspace.role, member.role);
              const pending = setRole.isPending && setRole.variables.userId === member.id ? setRole.variables.role : null;
              return (
                <Table.Tr key={member.id}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={500}>
                        {member.name || '—'}
                      </Text>
                      {member.id === user.id && (
                        <Badge size="xs" variant="light" style={{ minWidth: 'max-content' }}>
                          {t('settings.members.you')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{member.email}</Text>
                  </Table.Td>
                  <Table.Td>
                    {editable ? (
                      <Select
                        size="xs"
                        aria-label={t('settings.members.roleOf', { name })}
                        data={grantable.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
                        value={pending ?? member.role}
                        onChange={(value) => value && isRole(value) && value !== member.role && change(member, value)}
                        allowDeselect={false}
                        disabled={setRole.isPending}
                        comboboxProps={{ withinPortal: true }}
                      />
                    ) : (
                      <Text size="sm">{t(`roles.${member.role}`)}</Text>
                    )}
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{f.shortDate(member.joinedAt)}</Text>
                  </Table.Td>
                  {manage && (
                    <Table.Td ta="right">
                      {editable && (
                        <Button size="xs" variant="subtle" color="red" onClick={() => onRemove(member)} aria-label={t('settings.members.removeOf', { name })}>
                          {t('settings.members.remove')}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
