import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useParams } from 'react-router';
import { useSignedInSession } from '../session/session.js';
import { rememberWorkspace, WorkspaceContext } from '../session/workspace-context.js';
import { AppLayout } from './AppLayout.js';

/** The pages of one workspace, inside the app's shell; refuses a workspace the user is not a member of. */
export function WorkspaceLayout() {
  const { t } = useTranslation();
  const { workspaceId } = useParams();
  const session = useSignedInSession();
  const workspace = session.workspaces.find((w) => w.id === workspaceId);
  useEffect(() => {
    if (workspace) rememberWorkspace(session.user.id, workspace.id);
  }, [session.user.id, workspace]);
  if (!workspace) {
    return (
      <Center mih="100vh" p="md">
        <Stack align="center" ta="center" maw={480}>
          <Title order={2}>{t('shell.noAccessTitle')}</Title>
          <Text c="dimmed">{t('shell.noAccessText')}</Text>
          <Button component={Link} to="/" variant="light">
            {t('notFound.home')}
          </Button>
        </Stack>
      </Center>
    );
  }
  return (
    <WorkspaceContext.Provider value={workspace}>
      <AppLayout>
        <Outlet />
      </AppLayout>
    </WorkspaceContext.Provider>
  );
}
