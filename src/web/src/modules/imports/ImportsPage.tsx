import { Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { canRunImports } from '../../session/session.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { RecentImports } from './RecentImports.js';
import { UploadPanel } from './UploadPanel.js';

/** The imports screen: a new upload (for roles that may import) and the recent imports. */
export function ImportsPage() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  const canUpload = canRunImports(workspace.role);
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('imports.title')}
        </Title>
        <Text c="dimmed" size="sm" mt={4}>
          {canUpload ? t('imports.intro') : t('imports.upload.readOnly')}
        </Text>
      </div>
      {canUpload && <UploadPanel />}
      <RecentImports canUpload={canUpload} />
    </Stack>
  );
}
