import { Divider, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerProfile } from '../../api/types.js';
import { countryName, languageName } from '../../format/display-names.js';
import { useFormatter } from '../../format/useFormatter.js';
import { deviceLabel, mediumLabel, sourceLabel } from './code-labels.js';
import { useMemberName } from './members.api.js';
import { SectionCard } from './SectionCard.js';

// Standard fields shown when set; names and contacts are in the header already.
const shownFields = [
  'gender', 'birthDate', 'city', 'region', 'country', 'preferredChannel', 'locale', 'source',
  'utmSource', 'utmMedium', 'utmCampaign', 'lastUtmSource', 'lastUtmMedium', 'lastUtmCampaign', 'lastDevice', 'lastOs', 'lastBrowser',
] as const;
const genders = ['female', 'male', 'other'] as const;
const channels = ['email', 'sms', 'push', 'messenger'] as const;
const isChannel = (value: string): value is (typeof channels)[number] => channels.some((c) => c === value);

/** The customer's responsible manager, other standard fields and custom traits. */
export function FieldsCard({ profile }: { profile: CustomerProfile }) {
  const { t, i18n } = useTranslation();
  const f = useFormatter();
  const memberName = useMemberName(profile.managerUserId !== null);
  const language = i18n.language;
  // A code shown by its name, the code itself kept beside it for people who set up the tracking.
  const named = (raw: string, name: string | null) => (name && name !== raw ? { value: name, detail: raw } : { value: raw });
  const value = (field: (typeof shownFields)[number], raw: string): { value: string; detail?: string } => {
    if (field === 'birthDate') return { value: f.day(raw) };
    const gender = genders.find((g) => g === raw);
    if (field === 'gender' && gender) return { value: t(`profile.genders.${gender}`) };
    if (field === 'preferredChannel' && isChannel(raw)) return { value: t(`profile.channels.${raw}`) };
    if (field === 'country') return named(raw, countryName(raw, language));
    if (field === 'locale') return named(raw, languageName(raw, language));
    if (field === 'lastDevice') return named(raw, deviceLabel(raw, t));
    if (field === 'source' || field === 'utmSource' || field === 'lastUtmSource') return named(raw, sourceLabel(raw, t));
    if (field === 'utmMedium' || field === 'lastUtmMedium') return named(raw, mediumLabel(raw, t));
    return { value: raw };
  };
  const manager = profile.managerUserId ? [{ key: 'manager', label: t('profile.fields.manager'), value: memberName(profile.managerUserId) }] : [];
  const fields: Pair[] = [
    ...manager,
    ...shownFields.flatMap((field) => {
      const raw = profile[field];
      return raw ? [{ key: field, label: t(`profile.fields.${field}`), ...value(field, raw) }] : [];
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

interface Pair {
  key: string;
  label: string;
  value: string;
  /** The stored code a value names, shown small beside it. */
  detail?: string;
}

function Pairs({ items }: { items: Pair[] }) {
  return (
    <SimpleGrid cols={2} spacing="xs" verticalSpacing={6}>
      {items.map((item) => (
        <div key={item.key} style={{ minWidth: 0 }}>
          <Text size="xs" c="dimmed" truncate>
            {item.label}
          </Text>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            {item.value}
            {item.detail && (
              <Text span size="xs" c="dimmed" ml={6}>
                {item.detail}
              </Text>
            )}
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
