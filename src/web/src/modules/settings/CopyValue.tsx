import { Button, Code, CopyButton, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** Props of CopyValue. */
export interface CopyValueProps {
  value: string;
  /** Names the value for screen readers ("Ключ записи"). */
  label: string;
}

/** A value to hand on (a key, a password), shown whole in monospace with a button that copies it. */
export function CopyValue({ value, label }: CopyValueProps) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap" align="stretch">
      <Code fz="sm" px="sm" py={8} aria-label={label} style={{ flex: 1, wordBreak: 'break-all', display: 'flex', alignItems: 'center' }}>
        {value}
      </Code>
      <CopyButton value={value} timeout={2000}>
        {({ copied, copy }) => (
          <Button variant={copied ? 'filled' : 'light'} color={copied ? 'teal' : undefined} onClick={copy} miw={130}>
            {copied ? t('settings.copied') : t('settings.copy')}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}
