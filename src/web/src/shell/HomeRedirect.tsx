import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Navigate } from 'react-router';
import { useSignedInSession, useSignOut } from '../session/session.js';
import { lastWorkspace } from '../session/workspace-context.js';

/** Opens the home screen (the analytics overview) of the workspace the user worked in last (or their first), or explains that they have none. */
export function HomeRedirect() {
  const { t } = useTranslation();
  const session = useSignedInSession();
  const signOut = useSignOut();
  const last = lastWorkspace(session.user.id);
  const workspace = session.workspaces.find((w) => w.id === last) ?? session.workspaces[0];
  if (workspace) return <Navigate to={`/w/${workspace.id}/analytics`} replace />;
  return (
    <Center mih="100vh" p="md">
      <Stack align="center" maw={480} ta="center">
        <Title order={2}>{t('shell.noWorkspaceTitle')}</Title>
        <Text c="dimmed">{t('shell.noWorkspaceText', { email: session.user.email })}</Text>
        <Button variant="default" onClick={() => signOut.mutate()} loading={signOut.isPending}>
          {t('shell.signOut')}
        </Button>
      </Stack>
    </Center>
  );
}
