import { Badge, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerProfile } from '../../api/types.js';
import { useFormatter } from '../../format/useFormatter.js';
import { SectionCard } from './SectionCard.js';

/** Channels a customer can consent to. */
export const consentChannels = ['email', 'sms', 'push', 'messenger'] as const;

/** Consent per channel: granted, revoked or never asked, with where and when it was given. */
export function ConsentCard({ consent }: { consent: CustomerProfile['consent'] }) {
  const { t } = useTranslation();
  const f = useFormatter();
  return (
    <SectionCard title={t('profile.consent')}>
      <Stack gap={8}>
        {consentChannels.map((channel) => {
          const entry = consent[channel];
          const granted = entry?.status === 'granted';
          return (
            <Group key={channel} justify="space-between" wrap="nowrap" gap="xs">
              <Text size="sm">{t(`profile.channels.${channel}`)}</Text>
              <Group gap={6} wrap="nowrap">
                {entry && (
                  <Text size="xs" c="dimmed" ta="right">
                    {[entry.source, f.date(entry.updatedAt)].filter(Boolean).join(' · ')}
                  </Text>
                )}
                <Badge color={!entry ? 'gray' : granted ? 'green' : 'red'} variant="light">
                  {!entry ? t('profile.consentUnknown') : granted ? t('profile.consentGranted') : t('profile.consentRevoked')}
                </Badge>
              </Group>
            </Group>
          );
        })}
      </Stack>
    </SectionCard>
  );
}
