import type { CustomerProfile, CustomerWrite } from '../../api/types.js';
import { formatPhone } from '../../format/format.js';
import { consentChannels } from './ConsentCard.js';

// The edit form works on strings; PATCH sends only what changed, with null for a cleared field
// (absent fields stay as they are on the server).

/** Text fields of the edit form, in display order. */
export const textFields = ['lastName', 'firstName', 'middleName', 'phone', 'email', 'birthDate', 'city', 'region', 'country'] as const;
/** Fields picked from a list; managerUserId is the user id of a workspace member. */
export const choiceFields = ['gender', 'preferredChannel', 'managerUserId'] as const;

type TextField = (typeof textFields)[number] | (typeof choiceFields)[number];
type Channel = (typeof consentChannels)[number];

/** Values of the edit form. */
export interface EditValues {
  fields: Record<TextField, string>;
  /** Consent per channel; null where the customer was never asked. */
  consent: Record<Channel, boolean | null>;
}

/** The form's starting values for a profile. */
export function initialValues(p: CustomerProfile): EditValues {
  const consent = (channel: Channel) => {
    const entry = p.consent[channel];
    return entry ? entry.status === 'granted' : null;
  };
  return {
    fields: {
      lastName: p.lastName ?? '',
      firstName: p.firstName ?? '',
      middleName: p.middleName ?? '',
      phone: p.phone ? formatPhone(p.phone) : '',
      email: p.email ?? '',
      birthDate: p.birthDate ?? '',
      city: p.city ?? '',
      region: p.region ?? '',
      country: p.country ?? '',
      gender: p.gender ?? '',
      preferredChannel: p.preferredChannel ?? '',
      managerUserId: p.managerUserId ?? '',
    },
    consent: { email: consent('email'), sms: consent('sms'), push: consent('push'), messenger: consent('messenger') },
  };
}

/** The PATCH body for what changed between the starting values and the edited ones; null when nothing did. */
export function changes(before: EditValues, after: EditValues): CustomerWrite | null {
  const body: CustomerWrite = {};
  let changed = false;
  for (const field of [...textFields, ...choiceFields]) {
    const value = after.fields[field].trim();
    if (value === before.fields[field].trim()) continue;
    body[field] = value === '' ? null : value;
    changed = true;
  }
  const consent: NonNullable<CustomerWrite['consent']> = {};
  for (const channel of consentChannels) {
    const granted = after.consent[channel];
    if (granted === null || granted === before.consent[channel]) continue;
    consent[channel] = { granted, source: 'manager' };
    changed = true;
  }
  if (Object.keys(consent).length > 0) body.consent = consent;
  return changed ? body : null;
}
