import { Badge, Group, Select, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSignedInSession } from '../session/session.js';
import { useWorkspace } from '../session/workspace-context.js';

/** Shows the current workspace and the user's role in it, and switches to another one. */
export function WorkspaceSwitcher() {
  const { t } = useTranslation();
  const { workspaces } = useSignedInSession();
  const workspace = useWorkspace();
  const navigate = useNavigate();
  const role = <Badge variant="light" color="gray" visibleFrom="md">{t(`roles.${workspace.role}`)}</Badge>;
  if (workspaces.length < 2) {
    return (
      <Group gap="xs" wrap="nowrap">
        <Text fw={500} truncate maw={240}>
          {workspace.name}
        </Text>
        {role}
      </Group>
    );
  }
  return (
    <Group gap="xs" wrap="nowrap">
      <Select
        aria-label={t('shell.workspace')}
        data={workspaces.map((w) => ({ value: w.id, label: w.name }))}
        value={workspace.id}
        onChange={(id) => {
          if (id && id !== workspace.id) navigate(`/w/${id}`);
        }}
        allowDeselect={false}
        searchable={workspaces.length > 7}
        w={240}
        comboboxProps={{ withinPortal: true }}
      />
      {role}
    </Group>
  );
}
