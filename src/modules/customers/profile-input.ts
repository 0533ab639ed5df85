import { DomainError, type FieldProblem } from '../../platform/errors.js';
import { MAX_JSON_DEPTH, nestsDeeperThan } from '../../platform/json-depth.js';
import { type ConsentChannel, consentChannels, type CustomerFields, type FieldName, fieldNames } from './customer-fields.js';
import { type Identifier, type IdentifierKind, isIdentifierKind, normalizeIdentifier } from '../../common/identifiers.js';
import { type Reason, reason } from '../../platform/reasons.js';

/** What a call says about a person: identifiers, standard fields, free traits and consent (all raw). */
export interface ProfileInput {
  /** Raw identifiers, normalised here. */
  identifiers?: { kind: string; value: string }[];
  /** Standard fields; phone and email are normalised and also become identifiers. */
  fields?: CustomerFields;
  /** Free-form traits merged (shallowly) over the stored ones. */
  traits?: Record<string, unknown>;
  /** Consent per channel. */
  consent?: Partial<Record<ConsentChannel, { granted: boolean; source?: string | null; at?: number }>>;
}

/** A validated, normalised ProfileInput. */
export interface CleanProfile {
  identifiers: Identifier[];
  fields: CustomerFields;
  traits: Record<string, unknown> | null;
  consent: { channel: ConsentChannel; status: 'granted' | 'revoked'; source: string | null; at: number | null }[];
}

const genders = new Set(['female', 'male', 'other']);
const maxFieldLength = 200;

/** Validates and normalises a profile input; collects every problem with its field path. */
export function cleanProfile(input: ProfileInput, phoneRegion: string, path = ''): CleanProfile | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const at = (field: string) => (path ? `${path}.${field}` : field);
  const identifiers: Identifier[] = [];
  const add = (kind: IdentifierKind, raw: string, field: string): string | null => {
    const result = normalizeIdentifier(kind, raw, phoneRegion);
    if (!result.ok) {
      problems.push({ field: at(field), reason: result.reason, code: result.code, params: result.params });
      return null;
    }
    if (!identifiers.some((i) => i.kind === kind && i.value === result.value)) identifiers.push({ kind, value: result.value });
    return result.value;
  };
  (input.identifiers ?? []).forEach((id, i) => {
    if (!isIdentifierKind(id.kind)) problems.push({ field: at(`identifiers.${i}.kind`), ...reason('identifier_kind_unknown', { value: id.kind }) });
    else add(id.kind, id.value, `identifiers.${i}.value`);
  });
  const fields: CustomerFields = {};
  for (const name of fieldNames) {
    const value = input.fields?.[name];
    if (value === undefined) continue;
    if (value === null || value.trim() === '') {
      fields[name] = null;
      continue;
    }
    const checked = checkField(name, value.trim(), (kind) => add(kind, value, name));
    if (typeof checked === 'object' && checked !== null) problems.push({ field: at(name), ...checked });
    else if (checked !== undefined) fields[name] = checked;
  }
  const consent: CleanProfile['consent'] = [];
  for (const [channel, value] of Object.entries(input.consent ?? {})) {
    if (!(consentChannels as readonly string[]).includes(channel)) {
      problems.push({ field: at(`consent.${channel}`), ...reason('consent_channel_unknown', {}) });
    } else if (value) {
      consent.push({ channel: channel as ConsentChannel, status: value.granted ? 'granted' : 'revoked', source: value.source ?? null, at: value.at ?? null });
    }
  }
  for (const [key, value] of Object.entries(input.traits ?? {})) {
    // Traits are stored as JSON and read back by JSON functions that stop at some depth.
    if (nestsDeeperThan(value, MAX_JSON_DEPTH - 1)) problems.push({ field: at(`traits.${key}`), reason: `nests deeper than ${MAX_JSON_DEPTH} levels` });
  }
  if (problems.length > 0) return { problems };
  return { identifiers, fields, traits: input.traits ?? null, consent };
}

/**
 * Whether applying a profile may write its row: it names fields or traits, brings fields to fill, or
 * a phone or e-mail that becomes the primary one where there is none. Only then is the row read.
 */
export function writesProfileRow(profile: CleanProfile, fill: CustomerFields = {}): boolean {
  return (
    profile.traits !== null ||
    Object.keys(profile.fields).length > 0 ||
    Object.keys(fill).length > 0 ||
    profile.identifiers.some((i) => i.kind === 'phone' || i.kind === 'email')
  );
}

/** Throws a validation error when cleanProfile found problems; returns the clean profile otherwise. */
export function cleanProfileOrThrow(input: ProfileInput, phoneRegion: string): CleanProfile {
  const result = cleanProfile(input, phoneRegion);
  if ('problems' in result) {
    const first = result.problems[0];
    throw new DomainError('validation_failed', first ? `${first.field}: ${first.reason}` : 'Invalid profile', result.problems);
  }
  return result;
}

// A field's normalised value, undefined to skip it, or the reason when it is invalid.
function checkField(name: FieldName, value: string, identify: (kind: IdentifierKind) => string | null): string | undefined | Reason {
  if (name === 'phone' || name === 'email') {
    const normalized = identify(name);
    return normalized ?? undefined; // the problem is already recorded
  }
  if (value.length > maxFieldLength) return reason('too_long', { max: maxFieldLength });
  if (name === 'gender') {
    const g = value.toLowerCase();
    return genders.has(g) ? g : reason('gender_invalid', {});
  }
  if (name === 'birthDate') return checkDate(value);
  if (name === 'preferredChannel') {
    return (consentChannels as readonly string[]).includes(value) ? value : reason('channel_invalid', {});
  }
  if (name === 'country') return /^[A-Za-z]{2}$/.test(value) ? value.toUpperCase() : value;
  return value;
}

function checkDate(value: string): string | Reason {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return reason('date_format', { value });
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (d.getUTCMonth() !== Number(m[2]) - 1 || d.getUTCDate() !== Number(m[3])) return reason('date_not_real', { value });
  if (d.getTime() > Date.now()) return reason('date_in_future', {});
  if (Number(m[1]) < 1900) return reason('date_before_1900', {});
  return value;
}
