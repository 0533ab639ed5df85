import { Button, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roles } from '../../../../platform/roles.js';
import { ErrorState } from '../../components/ErrorState.js';
import { ListSkeleton } from '../../components/ListSkeleton.js';
import { can } from '../../session/session.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { AddMemberModal } from './AddMemberModal.js';
import { MembersTable } from './MembersTable.js';
import { RemoveMemberModal } from './RemoveMemberModal.js';
import { SectionHeader } from './SectionHeader.js';
import { useMembers } from '../../api/members.js';
import type { Member } from './settings.types.js';

/** The members of the workspace and their roles; owners and administrators add, re-role and remove them. */
export function MembersPage() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const members = useMembers();
  const manage = can(workspace.role, 'members:write');
  const [adding, add] = useDisclosure(false);
  const [target, setTarget] = useState<Member | null>(null);
  const [removing, remove] = useDisclosure(false);
  const askToRemove = (member: Member) => {
    setTarget(member);
    remove.open();
  };
  return (
    <Stack gap="md">
      <SectionHeader
        intro={manage ? t('settings.members.intro') : t('settings.members.readOnlyHint')}
        action={
          manage ? (
            <Button onClick={add.open} style={{ flexShrink: 0 }}>
              {t('settings.members.add')}
            </Button>
          ) : null
        }
      />
      <Paper withBorder radius="md" p={0} style={{ overflow: 'hidden' }}>
        {members.isPending ? (
          <ListSkeleton rows={4} />
        ) : members.isError ? (
          <Stack p="md">
            <ErrorState error={members.error} onRetry={() => void members.refetch()} />
          </Stack>
        ) : (
          <MembersTable members={members.data} manage={manage} onRemove={askToRemove} />
        )}
      </Paper>
      <RoleLegend />
      {manage && <AddMemberModal opened={adding} onClose={add.close} />}
      {manage && <RemoveMemberModal member={target} opened={removing} onClose={remove.close} />}
    </Stack>
  );
}

function RoleLegend() {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t('settings.members.rolesTitle')}>
      <Title order={2} size="h5" mb="sm">
        {t('settings.members.rolesTitle')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
        {roles.map((role) => (
          <Text key={role} size="sm">
            <Text span fw={600}>
              {t(`roles.${role}`)}
            </Text>
            {' — '}
            {t(`settings.members.roleHints.${role}`)}
          </Text>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
