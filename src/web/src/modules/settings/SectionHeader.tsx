import { Badge, Group, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** The line above a settings list: what it is for, and the action a role may take or a "read-only" mark. */
export function SectionHeader({ intro, action }: { intro: string; action: ReactNode | null }) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between" align="flex-start" wrap="nowrap">
      <Text size="sm" c="dimmed">
        {intro}
      </Text>
      {action ?? (
        <Badge variant="light" color="gray" style={{ flexShrink: 0 }}>
          {t('settings.readOnly')}
        </Badge>
      )}
    </Group>
  );
}
