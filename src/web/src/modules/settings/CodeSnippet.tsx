import { Button, Code, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Props of CodeSnippet. */
export interface CodeSnippetProps {
  title: string;
  description: string;
  code: string;
}

/** A ready-to-paste piece of code with what it is for and a button that copies it. */
export function CodeSnippet({ title, description, code }: CodeSnippetProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={3} size="h5">
              {title}
            </Title>
            <Text size="sm" c="dimmed" mt={2}>
              {description}
            </Text>
          </div>
          <CopyButton value={code} timeout={2000}>
            {({ copied, copy }) => (
              <Button size="xs" variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : undefined} onClick={copy} miw={120}>
                {copied ? t('settings.copied') : t('settings.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Code block fz="xs" style={{ whiteSpace: 'pre', overflowX: 'auto' }}>
          {code}
        </Code>
      </Stack>
    </Paper>
  );
}
