import { Divider, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerProfile } from '../../api/types.js';
import { useFormatter } from '../../format/useFormatter.js';
import { useMemberName } from './members.api.js';
import { SectionCard } from './SectionCard.js';

// Standard fields shown when set; names and contacts are in the header already.
const shownFields = [
  'gender', 'birthDate', 'city', 'region', 'country', 'preferredChannel', 'locale', 'source',
  'utmSource', 'utmMedium', 'utmCampaign', 'lastDevice', 'lastOs', 'lastBrowser',
] as const;
const genders = ['female', 'male', 'other'] as const;

/** The customer's responsible manager, other standard fields and custom traits. */
export function FieldsCard({ profile }: { profile: CustomerProfile }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const memberName = useMemberName(profile.managerUserId !== null);
  const value = (field: (typeof shownFields)[number], raw: string): string => {
    if (field === 'birthDate') return f.day(raw);
    const gender = genders.find((g) => g === raw);
    if (field === 'gender' && gender) return t(`profile.genders.${gender}`);
    return raw;
  };
  const manager = profile.managerUserId ? [{ key: 'manager', label: t('profile.fields.manager'), value: memberName(profile.managerUserId) }] : [];
  const fields = [
    ...manager,
    ...shownFields.flatMap((field) => {
      const raw = profile[field];
      return raw ? [{ key: field, label: t(`profile.fields.${field}`), value: value(field, raw) }] : [];
    }),
  ];
  const traits = Object.entries(profile.traits).map(([key, raw]) => ({ key, label: key, value: traitText(raw) }));
  return (
    <SectionCard title={t('profile.fieldsAndTraits')}>
      {fields.length === 0 && traits.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('profile.noFields')}
        </Text>
      ) : (
        <>
          <Pairs items={fields} />
          {traits.length > 0 && (
            <>
              {fields.length > 0 && <Divider my="sm" label={t('profile.traits')} labelPosition="left" />}
              <Pairs items={traits} />
            </>
          )}
        </>
      )}
    </SectionCard>
  );
}

function Pairs({ items }: { items: { key: string; label: string; value: string }[] }) {
  return (
    <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
      {items.map((item) => (
        <div key={item.key} style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" truncate>
            {item.label}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {item.value}
          </Text>
        </div>
      ))}
    </SimpleGrid>
  );
}

// Traits are free-form JSON; nested values are shown as JSON rather than "[object Object]".
function traitText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
