import type { CustomersTable, CustomerStatsTable } from '../../platform/db/schema.js';

// The standard profile fields, their API names (camelCase) and their columns (snake_case).
// One table here keeps the API, the repository and imports in step.

/** Standard profile fields kept on the customers row, as the API names them. */
export const profileColumns = {
  firstName: 'first_name',
  lastName: 'last_name',
  middleName: 'middle_name',
  phone: 'phone',
  email: 'email',
  gender: 'gender',
  birthDate: 'birth_date',
  city: 'city',
  region: 'region',
  country: 'country',
  source: 'source',
  utmSource: 'utm_source',
  utmMedium: 'utm_medium',
  utmCampaign: 'utm_campaign',
  preferredChannel: 'preferred_channel',
  managerUserId: 'manager_user_id',
} as const satisfies Record<string, keyof CustomersTable>;

/**
 * The last device and locale, kept on the customer's customer_stats row: every tracked event writes
 * that row anyway (last activity), so they cost no page of their own (docs/decisions.md).
 */
export const deviceColumns = {
  lastDevice: 'last_device',
  lastOs: 'last_os',
  lastBrowser: 'last_browser',
  locale: 'locale',
} as const satisfies Record<string, keyof CustomerStatsTable>;

/**
 * The last touch: UTM tags of the latest tracked event that came with a campaign, on customer_stats
 * beside the last device (the first touch is utmSource… on the customers row). Read-only: only
 * tracked events write it (StatsRepo.touchActivity), so the API shows it but takes no value for it.
 */
export const touchColumns = {
  lastUtmSource: 'last_utm_source',
  lastUtmMedium: 'last_utm_medium',
  lastUtmCampaign: 'last_utm_campaign',
} as const satisfies Record<string, keyof CustomerStatsTable>;

/** A last-touch field's API name. */
export type TouchFieldName = keyof typeof touchColumns;
/** The last touch's tags (null: not told). */
export type TouchFields = Record<TouchFieldName, string | null>;
/** A tracked event's campaign tags and time: a candidate for the customer's last touch. */
export interface Touch {
  /** When the event happened, epoch ms: a touch older than the stored one is not kept. */
  at: number;
  tags: TouchFields;
}

/** A field kept on the customers row. */
export type ProfileFieldName = keyof typeof profileColumns;
/** A last-device field, kept on the customer_stats row. */
export type DeviceFieldName = keyof typeof deviceColumns;
/** A standard field's API name. */
export type FieldName = ProfileFieldName | DeviceFieldName;
/** Values of standard fields; null clears a field. */
export type CustomerFields = { [K in FieldName]?: string | null };

/** The last-device fields a tracked message may carry; absent ones are left as stored. */
export type DeviceFields = Pick<CustomerFields, DeviceFieldName>;

type ProfileColumn = (typeof profileColumns)[ProfileFieldName];
type DeviceColumn = (typeof deviceColumns)[DeviceFieldName];

/** Names of the fields on the customers row, in a stable order. */
export const profileFieldNames = Object.keys(profileColumns) as ProfileFieldName[];
/** Names of the last-device fields, in a stable order. */
export const deviceFieldNames = Object.keys(deviceColumns) as DeviceFieldName[];
/** Field names in a stable order (the order the API shows them in). */
export const fieldNames: FieldName[] = [...profileFieldNames, ...deviceFieldNames];

/** customers columns for a patch of fields, with the city's search key (the last-device fields are left out: see toDeviceColumns). */
export function toColumns(fields: CustomerFields): Partial<Record<ProfileColumn | 'city_key', string | null>> {
  const out: Partial<Record<ProfileColumn | 'city_key', string | null>> = columnsOf(fields, profileColumns);
  if (fields.city !== undefined) out.city_key = cityKey(fields.city);
  return out;
}

/**
 * The city filter's key: lower-cased, ё as е, hyphens and runs of spaces as one space, trimmed; null
 * for no city. Kept in a column on write, because SQLite's lower() folds only ASCII letters; the
 * 2026-12-01T10-customer-city-key migration filled it for the rows stored before with a copy of this folding.
 */
export function cityKey(city: string | null): string | null {
  if (city === null) return null;
  const key = city.toLowerCase().replace(/ё/g, 'е').replace(/[\s\u2010-\u2015-]+/g, ' ').trim();
  return key || null;
}

/** customer_stats columns for the last-device fields of a patch. */
export function toDeviceColumns(fields: DeviceFields): Partial<Record<DeviceColumn, string | null>> {
  return columnsOf(fields, deviceColumns);
}

// The columns (per `columns`, API name to column) of the fields a patch names.
function columnsOf<N extends FieldName, C extends string>(fields: CustomerFields, columns: Record<N, C>): Partial<Record<C, string | null>> {
  const out: Partial<Record<C, string | null>> = {};
  for (const name of Object.keys(columns) as N[]) {
    const value = fields[name];
    if (value !== undefined) out[columns[name]] = value;
  }
  return out;
}

/** Fields read from a customer row (all but the last-device ones). */
export function fromRow(row: Pick<CustomersTable, ProfileColumn>): Required<Pick<CustomerFields, ProfileFieldName>> {
  const out = {} as Required<Pick<CustomerFields, ProfileFieldName>>;
  for (const name of profileFieldNames) out[name] = row[profileColumns[name]];
  return out;
}

/** Last-device fields read from a customer_stats row; all null without one. */
export function devicesFromRow(row: Pick<CustomerStatsTable, DeviceColumn> | undefined): Required<DeviceFields> {
  const out = {} as Required<DeviceFields>;
  for (const name of deviceFieldNames) out[name] = row ? row[deviceColumns[name]] : null;
  return out;
}

/** The last touch read from a customer_stats row; all null without one. */
export function touchFromRow(row: Pick<CustomerStatsTable, (typeof touchColumns)[TouchFieldName]> | undefined): TouchFields {
  return {
    lastUtmSource: row?.last_utm_source ?? null,
    lastUtmMedium: row?.last_utm_medium ?? null,
    lastUtmCampaign: row?.last_utm_campaign ?? null,
  };
}

/** Consent channels. */
export const consentChannels = ['email', 'sms', 'push', 'messenger'] as const;
/** A consent channel. */
export type ConsentChannel = (typeof consentChannels)[number];

/** The name-search key: "last first middle", lower-cased, ё folded to е; null when there is no name. */
export function searchName(last: string | null, first: string | null, middle: string | null): string | null {
  const text = [last, first, middle].filter((p) => p && p.trim()).join(' ').trim();
  return text ? foldForSearch(text) : null;
}

/** Lower-cases and folds ё to е, as names are stored for search. */
export function foldForSearch(text: string): string {
  return text.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ');
}
