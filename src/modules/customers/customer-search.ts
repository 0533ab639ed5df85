import { getCountryCallingCode, Metadata } from 'libphonenumber-js/max';
import { foldForSearch } from './customer-fields.js';
import { type Identifier, isPhoneRegion, normalizeCard, normalizeEmail, normalizePhone, normalizeOpaqueId } from '../../common/identifiers.js';

// How the customer list reads its search box. One string may mean several things ("123456" is a
// phone prefix, a card number or an external id), so every plausible reading is kept and the list
// shows customers matching any of them. Each reading is an indexed lookup, never a scan.

/** What a search string may mean: exact identifiers, identifier prefixes and name prefixes. */
export interface SearchPlan {
  /** Identifiers matched exactly (a full phone, an e-mail, a card number, an external id). */
  exact: Identifier[];
  /** Identifier values matched by prefix ("+7912345…", "ivan@…"). */
  prefixes: { kind: 'phone' | 'email'; prefix: string }[];
  /** Prefixes of the name-search key ("last first middle", folded as foldForSearch does). */
  names: string[];
}

const phoneChars = /^[+\d\s().-]+$/;
const minPhoneDigits = 3;
const minCardLength = 6;

/** Reads a search string; phones in national formats are read in the workspace's phone region. */
export function planSearch(q: string, phoneRegion: string): SearchPlan | null {
  const text = q.trim().replace(/\s+/g, ' ');
  if (!text) return null;
  const plan: SearchPlan = { exact: [], prefixes: [], names: [] };
  const addExact = (id: Identifier) => {
    if (!plan.exact.some((e) => e.kind === id.kind && e.value === id.value)) plan.exact.push(id);
  };

  const external = normalizeOpaqueId(text);
  if (external.ok) addExact({ kind: 'external_id', value: external.value });

  if (text.includes('@')) {
    const email = normalizeEmail(text);
    if (email.ok) addExact({ kind: 'email', value: email.value });
    else plan.prefixes.push({ kind: 'email', prefix: text.toLowerCase() });
    return plan;
  }

  if (phoneChars.test(text)) {
    const phone = normalizePhone(text, phoneRegion);
    if (phone.ok) addExact({ kind: 'phone', value: phone.value });
    else for (const prefix of phonePrefixes(text, phoneRegion)) plan.prefixes.push({ kind: 'phone', prefix });
  }

  const card = normalizeCard(text);
  if (card.ok && card.value.length >= minCardLength && /\d/.test(card.value)) addExact({ kind: 'card', value: card.value });

  if (/\p{L}/u.test(text)) {
    const folded = foldForSearch(text);
    plan.names.push(folded);
    // People type "Анна Смирнова" as often as the stored order "смирнова анна".
    const words = folded.split(' ');
    if (words.length >= 2) plan.names.push([words[1], words[0], ...words.slice(2)].join(' '));
    // A Latin word may also be the start of an e-mail address.
    if (/^[a-z0-9._+-]+$/i.test(text) && text.length >= 3) plan.prefixes.push({ kind: 'email', prefix: text.toLowerCase() });
  }
  return plan;
}

/**
 * Every E.164 prefix a partial phone may be the start of. "+7912…" and "7912…" (the region's
 * country code) read as international; a leading national trunk prefix ("8" in Russia, "0" in
 * Germany) is replaced by the country code; and digits are also read as a national number without
 * the trunk prefix ("912…" → "+7912…"), which keeps "843…" (Kazan) apart from "8 843…".
 */
export function phonePrefixes(text: string, phoneRegion: string): string[] {
  const digits = text.replace(/\D/g, '');
  if (digits.length < minPhoneDigits) return [];
  if (text.trim().startsWith('+')) return [`+${digits}`];
  if (!isPhoneRegion(phoneRegion)) return [`+${digits}`];
  const code = getCountryCallingCode(phoneRegion);
  const trunk = trunkPrefix(phoneRegion);
  const out = new Set<string>();
  if (trunk && digits.startsWith(trunk) && digits.length > trunk.length) out.add(`+${code}${digits.slice(trunk.length)}`);
  if (digits.startsWith(code)) out.add(`+${digits}`);
  out.add(`+${code}${digits}`);
  return [...out];
}

const trunkPrefixes = new Map<string, string | null>();

// The national trunk prefix from libphonenumber's metadata. Its typings leave the accessor out, so
// it is read through a runtime check rather than a cast.
function trunkPrefix(region: string): string | null {
  const known = trunkPrefixes.get(region);
  if (known !== undefined) return known;
  let prefix: string | null = null;
  if (isPhoneRegion(region)) {
    const metadata = new Metadata();
    metadata.selectNumberingPlan(region);
    const plan: unknown = metadata.numberingPlan;
    if (plan && typeof plan === 'object' && 'nationalPrefix' in plan && typeof plan.nationalPrefix === 'function') {
      const value: unknown = plan.nationalPrefix();
      if (typeof value === 'string' && /^\d+$/.test(value)) prefix = value;
    }
  }
  trunkPrefixes.set(region, prefix);
  return prefix;
}
