import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useWorkspace } from '../../session/workspace-context.js';

/** An upload nobody started within 24 hours: the server deleted its file, so it can only be uploaded again. */
export function ExpiredImport() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="sm" align="flex-start">
        <Title order={2} size="h4">
          {t('imports.expired.title')}
        </Title>
        <Text size="sm" c="dimmed" maw={720}>
          {t('imports.expired.text')}
        </Text>
        <Button component={Link} to={`/w/${workspace.id}/imports`} variant="default">
          {t('imports.expired.again')}
        </Button>
      </Stack>
    </Paper>
  );
}
