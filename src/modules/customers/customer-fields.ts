import type { CustomersTable } from '../../platform/db/schema.js';

// The standard profile fields, their API names (camelCase) and their columns (snake_case).
// One table here keeps the API, the repository and imports in step.

/** Standard profile fields as the API names them. */
export const fieldColumns = {
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
  lastDevice: 'last_device',
  lastOs: 'last_os',
  lastBrowser: 'last_browser',
  locale: 'locale',
} as const satisfies Record<string, keyof CustomersTable>;

/** A standard field's API name. */
export type FieldName = keyof typeof fieldColumns;
/** Values of standard fields; null clears a field. */
export type CustomerFields = { [K in FieldName]?: string | null };

/** The last-device fields a tracked message may carry; absent ones are left as stored. */
export type DeviceFields = Pick<CustomerFields, 'lastDevice' | 'lastOs' | 'lastBrowser' | 'locale'>;

/** Field names in a stable order. */
export const fieldNames = Object.keys(fieldColumns) as FieldName[];

/** Column values for a patch of fields. */
export function toColumns(fields: CustomerFields): Partial<Record<(typeof fieldColumns)[FieldName], string | null>> {
  const out: Partial<Record<(typeof fieldColumns)[FieldName], string | null>> = {};
  for (const name of fieldNames) {
    const value = fields[name];
    if (value !== undefined) out[fieldColumns[name]] = value;
  }
  return out;
}

/** Fields read from a customer row. */
export function fromRow(row: Pick<CustomersTable, (typeof fieldColumns)[FieldName]>): Required<CustomerFields> {
  const out = {} as Required<CustomerFields>;
  for (const name of fieldNames) out[name] = row[fieldColumns[name]];
  return out;
}

/** Consent channels. */
export const consentChannels = ['email', 'sms', 'push', 'messenger'] as const;
/** A consent channel. */
export type ConsentChannel = (typeof consentChannels)[number];
