import {
  type CountryCode,
  getCountryCallingCode,
  isSupportedCountry,
  parsePhoneNumberFromString,
} from 'libphonenumber-js/max';
import { z } from 'zod';
import { type Reason, reason, type ReasonCode, type ReasonParamMap } from '../platform/reasons.js';

// Normalisation of the identifiers a person is known by. Everything that stores or looks up an
// identifier goes through here, so "8 (912) 345-67-89" and "+7 912 345 67 89" are one key.

/** Kinds of identifier, strongest first (an external id names a person in the shop's own system). */
export const identifierKinds = ['external_id', 'phone', 'email', 'card', 'anonymous_id'] as const;
/** A kind of identifier. */
export type IdentifierKind = (typeof identifierKinds)[number];

/** A normalised identifier. */
export interface Identifier {
  kind: IdentifierKind;
  value: string;
}

// A refusal as a Normalized result.
function refused<C extends ReasonCode>(code: C, params: ReasonParamMap[C]): Normalized {
  return { ok: false, ...reason(code, params) };
}

/** Result of normalising one raw value. */
export type Normalized = { ok: true; value: string } | ({ ok: false } & Reason);

/** Whether a string is a supported phone region (ISO 3166 alpha-2). */
export function isPhoneRegion(region: string): region is CountryCode {
  return isSupportedCountry(region);
}

/** Normalises a phone in any human format to E.164, reading national formats in the given region. */
export function normalizePhone(raw: string, region: string): Normalized {
  const text = raw.trim();
  if (!text) return refused('empty', {});
  if (/[a-zа-яё]/i.test(text.replace(/(доб|ext|x)\.?\s*\d+$/i, ''))) {
    return refused('phone_not_a_number', { value: raw });
  }
  const country = isPhoneRegion(region) ? region : undefined;
  const digits = text.replace(/\D/g, '');
  // "79123456789" (international digits without "+") is common in 1C and CRM exports; only the
  // region's own calling code is read that way, so "8 (000)…" never turns into a +800 number.
  const international = country && digits.startsWith(getCountryCallingCode(country));
  const candidates = text.startsWith('+') || !international ? [text] : [text, `+${digits}`];
  for (const candidate of candidates) {
    const phone = parsePhoneNumberFromString(candidate, country);
    if (phone?.isValid()) return { ok: true, value: phone.number };
  }
  return refused('phone_invalid', { value: raw, region: country ?? '' });
}

const emailSchema = z.email();

/** Trims, lower-cases and validates an e-mail address. */
export function normalizeEmail(raw: string): Normalized {
  const value = raw.trim().toLowerCase();
  if (!value) return refused('empty', {});
  if (value.length > 254 || !emailSchema.safeParse(value).success) {
    return refused('email_invalid', { value: raw.trim() });
  }
  return { ok: true, value };
}

/** Normalises a loyalty card number (plastic barcode or virtual QR code): spaces and dashes dropped. */
export function normalizeCard(raw: string): Normalized {
  const value = raw.trim().replace(/[\s-]/g, '').toUpperCase();
  if (!value) return refused('empty', {});
  if (!/^[0-9A-Z]{4,64}$/.test(value)) {
    return refused('card_invalid', { value: raw.trim() });
  }
  return { ok: true, value };
}

/** Normalises an opaque id (external or anonymous): trimmed, non-empty, at most 200 characters. */
export function normalizeOpaqueId(raw: string): Normalized {
  const value = raw.trim();
  if (!value) return refused('empty', {});
  if (value.length > 200) return refused('too_long', { max: 200 });
  return { ok: true, value };
}

/** Normalises a raw identifier of a kind; region is the workspace's default phone region. */
export function normalizeIdentifier(kind: IdentifierKind, raw: string, region: string): Normalized {
  switch (kind) {
    case 'phone':
      return normalizePhone(raw, region);
    case 'email':
      return normalizeEmail(raw);
    case 'card':
      return normalizeCard(raw);
    case 'external_id':
    case 'anonymous_id':
      return normalizeOpaqueId(raw);
  }
}

/** Whether a string names an identifier kind. */
export function isIdentifierKind(value: string): value is IdentifierKind {
  return (identifierKinds as readonly string[]).includes(value);
}
