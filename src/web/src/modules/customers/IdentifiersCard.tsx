import { Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerProfile } from '../../api/types.js';
import { formatPhone } from '../../format/format.js';
import { useFormatter } from '../../format/useFormatter.js';
import { SectionCard } from './SectionCard.js';

const kinds = ['phone', 'email', 'card', 'external_id', 'anonymous_id'] as const;

/** Every identifier the customer is known by (phones, e-mails, cards, ids), with when it was added. */
export function IdentifiersCard({ identifiers }: { identifiers: CustomerProfile['identifiers'] }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const label = (kind: string) => {
    const known = kinds.find((k) => k === kind);
    return known ? t(`profile.identifierKinds.${known}`) : kind;
  };
  return (
    <SectionCard title={t('profile.identifiers')}>
      {identifiers.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('profile.noIdentifiers')}
        </Text>
      ) : (
        <Stack gap={6}>
          {identifiers.map((id) => (
            <Group key={`${id.kind}:${id.value}`} justify="space-between" wrap="nowrap" gap="xs">
              <div style={{ minWidth: 0 }}>
                <Text size="xs" c="dimmed">
                  {label(id.kind)}
                </Text>
                <Text size="sm" truncate>
                  {id.kind === 'phone' ? formatPhone(id.value) : id.value}
                </Text>
              </div>
              <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {f.date(id.addedAt)}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}
