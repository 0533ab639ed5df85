import type { FieldProblem } from '../../platform/errors.js';
import type { CustomerFields, DeviceFields, Touch } from '../customers/customer-fields.js';
import { type CleanProfile, cleanProfile, type ProfileInput } from '../customers/profile-input.js';
import type { ContextSummary } from './segment-message.js';
import type { NormalizedMessage } from './segment-message.js';

// What a Segment message says about the person: identifiers from userId/anonymousId/traits, the
// standard fields from Segment's reserved traits, the rest as custom traits, and what the context
// tells (device, city, campaign) as fields to fill.

// Segment's reserved traits (and common snake_case spellings) that map onto standard fields.
const traitFields: Record<string, keyof CustomerFields> = {
  firstName: 'firstName',
  first_name: 'firstName',
  lastName: 'lastName',
  last_name: 'lastName',
  middleName: 'middleName',
  middle_name: 'middleName',
  email: 'email',
  phone: 'phone',
  gender: 'gender',
  city: 'city',
  country: 'country',
  region: 'region',
  preferredChannel: 'preferredChannel',
};
// Traits that name a loyalty card.
const cardTraits = ['card', 'cardNumber', 'card_number', 'loyaltyCard', 'loyalty_card'];
// Traits consumed here and not kept as custom traits.
const consumed = new Set([...Object.keys(traitFields), ...cardTraits, 'name', 'birthday', 'address', 'createdAt', 'created_at']);

/** The person a message is about, validated; or the problems, with paths like "traits.phone". */
export function profileFromMessage(message: NormalizedMessage, summary: ContextSummary, phoneRegion: string): { profile: CleanProfile; fill: CustomerFields } | { problems: FieldProblem[] } {
  const traits = message.traits;
  const identifiers: NonNullable<ProfileInput['identifiers']> = [];
  const sources: string[] = []; // the message field each identifier came from, for error paths
  const addId = (kind: string, value: string, source: string) => {
    identifiers.push({ kind, value });
    sources.push(source);
  };
  if (message.userId) addId('external_id', message.userId, 'userId');
  if (message.anonymousId) addId('anonymous_id', message.anonymousId, 'anonymousId');
  // alias: the previous id (usually an anonymous id) joins the user's profile.
  if (message.type === 'alias' && message.previousId) addId('anonymous_id', message.previousId, 'previousId');
  for (const key of cardTraits) {
    const value = traits[key];
    if (typeof value === 'string' || typeof value === 'number') addId('card', String(value), `traits.${key}`);
  }
  const fields: CustomerFields = {};
  const problems: FieldProblem[] = [];
  // Group traits describe the group (a company), not the person.
  if (message.type !== 'group') {
    for (const [trait, field] of Object.entries(traitFields)) {
      const value = traits[trait];
      if (value === undefined || value === null) continue;
      if (typeof value !== 'string' && typeof value !== 'number') problems.push({ field: `traits.${trait}`, reason: 'must be a string' });
      else fields[field] = String(value);
    }
    if (typeof traits.name === 'string' && fields.firstName === undefined && fields.lastName === undefined) {
      Object.assign(fields, splitName(traits.name));
    }
    if (typeof traits.birthday === 'string') fields.birthDate = traits.birthday.slice(0, 10);
    const address = traits.address;
    if (address && typeof address === 'object' && !Array.isArray(address)) {
      const a = address as Record<string, unknown>;
      if (typeof a.city === 'string' && fields.city === undefined) fields.city = a.city;
      if (typeof a.country === 'string' && fields.country === undefined) fields.country = a.country;
      if (typeof a.state === 'string' && fields.region === undefined) fields.region = a.state;
    }
  }
  const custom = message.type === 'group' ? {} : Object.fromEntries(Object.entries(traits).filter(([k]) => !consumed.has(k)));
  const input: ProfileInput = { identifiers, fields, traits: Object.keys(custom).length > 0 ? custom : undefined };
  const cleaned = cleanProfile(input, phoneRegion);
  if ('problems' in cleaned) return { problems: [...problems, ...cleaned.problems.map((p) => renameField(p, sources))] };
  if (problems.length > 0) return { problems };
  return { profile: cleaned, fill: contextFields(summary) };
}

// Fields the context tells: the last device is always the latest; city and first-touch source only fill gaps.
function contextFields(summary: ContextSummary): CustomerFields {
  const fill: CustomerFields = {};
  if (summary.city) fill.city = summary.city;
  if (summary.utm.source) fill.utmSource = summary.utm.source;
  if (summary.utm.medium) fill.utmMedium = summary.utm.medium;
  if (summary.utm.campaign) fill.utmCampaign = summary.utm.campaign;
  if (summary.utm.source) fill.source = summary.utm.source;
  return fill;
}

/** Last-device fields from a context summary (written on every event that carries them). */
export function deviceFields(summary: ContextSummary): DeviceFields {
  const out: DeviceFields = {};
  if (summary.device) out.lastDevice = summary.device;
  if (summary.os) out.lastOs = summary.os;
  if (summary.browser) out.lastBrowser = summary.browser;
  if (summary.locale) out.locale = summary.locale;
  return out;
}

/**
 * The event's campaign tags as a candidate last touch, read as the first touch is (context.campaign,
 * else the page URL's utm_ parameters); null when the event names no source, medium or campaign.
 */
export function touchOf(summary: ContextSummary, at: number): Touch | null {
  const { source, medium, campaign } = summary.utm;
  if (!source && !medium && !campaign) return null;
  return { at, tags: { lastUtmSource: source, lastUtmMedium: medium, lastUtmCampaign: campaign } };
}

// Problems from cleanProfile name profile fields; report them under the trait the client sent.
function renameField(problem: FieldProblem, sources: string[]): FieldProblem {
  const field = problem.field;
  const index = /^identifiers\.(\d+)\./.exec(field)?.[1];
  if (index !== undefined) return { ...problem, field: sources[Number(index)] ?? field };
  const trait = Object.entries(traitFields).find(([, f]) => f === field)?.[0];
  if (field === 'birthDate') return { ...problem, field: 'traits.birthday' };
  return { ...problem, field: trait ? `traits.${trait}` : field };
}

/** Splits a full name: "Иван Петров" (given name first, as Segment's `name` usually is). */
function splitName(name: string): CustomerFields {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return {};
  if (parts.length === 1) return { firstName: parts[0] };
  return { firstName: parts[0], lastName: parts.slice(1).join(' ') };
}
