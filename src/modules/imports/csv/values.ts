import { type Reason, reason } from '../../../platform/reasons.js';
import { MAX_ORDER_AMOUNT } from '../../orders/order-bounds.js';
import type { ParseResult } from './dates.js';

// Readers for the non-date cells of an import: money, quantities, gender, yes/no consents and
// Russian full names. Each returns { ok, value } or { ok: false, reason } with a short message
// for the import report; blank cells give reason "empty" so callers can treat them as missing.

function fail<T>(why: string | Reason): ParseResult<T> {
  return typeof why === 'string' ? { ok: false, reason: why } : { ok: false, ...why };
}

interface Decimal {
  negative: boolean;
  whole: string;
  fraction: string;
}

// Spaces of every width Excel and 1C put between thousands, and an apostrophe (Swiss style).
const groupSpaces = /[\s\u00a0\u2007\u2009\u202f']/g;
const currency = /(₽|руб(?:лей|ля|ль|\.)?|р\.|rub|rur|\$|usd|€|eur|£|gbp|₸|kzt|тенге|byn|uah|₴)/giu;

// Reads "1 234,50", "1,234.50", "1.234,50", "-100,00", "12,5", "₽ 99". One separator followed
// by exactly three digits ("1,234") is refused: it is 1234 in English files and 1.234 in Russian.
function readDecimal(raw: string, unit?: RegExp): ParseResult<Decimal> {
  let text = raw.trim();
  if (text === '') return fail('empty');
  text = text.replace(currency, '');
  if (unit) text = text.replace(unit, '');
  text = text.replace(groupSpaces, '').replace(/\u2212/g, '-');
  const m = /^([+-]?)(\d*(?:[.,]\d*)*)$/.exec(text);
  const body = m?.[2] ?? '';
  if (!m || !/\d/.test(body)) return fail(reason('not_a_number', { value: raw.trim() }));
  const dots = body.split('.').length - 1;
  const commas = body.split(',').length - 1;
  let whole = body;
  let fraction = '';
  let groupSep = '';
  if (dots > 0 && commas > 0) {
    const decimalSep = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    groupSep = decimalSep === '.' ? ',' : '.';
    if (body.split(decimalSep).length !== 2) return fail(reason('not_a_number', { value: raw.trim() }));
    [whole, fraction] = body.split(decimalSep);
  } else if (dots + commas > 1) {
    groupSep = dots > 0 ? '.' : ',';
  } else if (dots + commas === 1) {
    const sep = dots > 0 ? '.' : ',';
    [whole, fraction] = body.split(sep);
    if (fraction.length === 3 && /^[1-9]\d{0,2}$/.test(whole)) {
      return fail(reason('ambiguous_number', { value: raw.trim(), separator: sep }));
    }
  }
  if (groupSep) {
    const groups = whole.split(groupSep);
    if (!/^\d{1,3}$/.test(groups[0]) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) {
      return fail(reason('not_a_number', { value: raw.trim() }));
    }
    whole = groups.join('');
  }
  if (!/^\d*$/.test(whole) || !/^\d*$/.test(fraction)) return fail(reason('not_a_number', { value: raw.trim() }));
  return { ok: true, value: { negative: m[1] === '-', whole, fraction } };
}

/**
 * Reads money into integer minor units (kopecks for 2 fraction digits): "1 234,50 ₽" -> 123450.
 * Extra fraction digits are rounded half away from zero ("0,125" -> 13). Amounts beyond the orders'
 * bound (10^12 minor units, orders/order-bounds.ts) are refused.
 */
export function parseAmount(text: string, fractionDigits = 2): ParseResult<number> {
  const read = readDecimal(text);
  if (!read.ok) return read;
  const { negative, whole, fraction } = read.value;
  const kept = fraction.slice(0, fractionDigits).padEnd(fractionDigits, '0');
  let minor = Number((whole || '0') + kept);
  if (fraction.length > fractionDigits && fraction.charCodeAt(fractionDigits) >= 53 /* '5' */) minor += 1;
  if (!Number.isSafeInteger(minor) || minor > MAX_ORDER_AMOUNT) return fail(reason('amount_too_large', { value: text.trim() }));
  return { ok: true, value: negative && minor !== 0 ? -minor : minor };
}

const units = /\s*(шт|штук|ед|кг|pcs|pc|ea|units?)\.?$/iu;

/** Reads a quantity such as "2", "1,5", "1 000" or "3 шт." into a number. */
export function parseQuantity(text: string): ParseResult<number> {
  const read = readDecimal(text, units);
  if (!read.ok) return read;
  const { negative, whole, fraction } = read.value;
  const value = Number(`${whole || '0'}.${fraction || '0'}`);
  return { ok: true, value: negative && value !== 0 ? -value : value };
}

const genders: Record<string, 'female' | 'male'> = {
  ж: 'female', жен: 'female', женский: 'female', женщина: 'female', f: 'female', female: 'female', w: 'female', woman: 'female',
  м: 'male', муж: 'male', мужской: 'male', мужчина: 'male', m: 'male', male: 'male', man: 'male',
};

/** Reads gender from Ж/жен/женский/F/female or М/муж/мужской/M/male. */
export function parseGender(text: string): ParseResult<'female' | 'male'> {
  const key = text.trim().toLowerCase().replace(/\.$/, '');
  if (key === '') return fail('empty');
  const value = genders[key];
  return value ? { ok: true, value } : fail(reason('gender_letter', { value: text.trim() }));
}

const yes = new Set(['да', 'д', 'yes', 'y', 'true', '1', '+', 'истина', 'вкл', 'on']);
const no = new Set(['нет', 'н', 'no', 'n', 'false', '0', '-', 'ложь', 'выкл', 'off']);

/** Reads a yes/no cell (да/нет, yes/no, 1/0, true/false, +/-) such as a marketing consent. */
export function parseBool(text: string): ParseResult<boolean> {
  const key = text.trim().toLowerCase();
  if (key === '') return fail('empty');
  if (yes.has(key)) return { ok: true, value: true };
  if (no.has(key)) return { ok: true, value: false };
  return fail(reason('yes_no', { value: text.trim() }));
}

/** Parts of a person's name; absent parts are undefined. */
export interface NameParts {
  lastName?: string;
  firstName?: string;
  middleName?: string;
}

const patronymic = /(ович|евич|овна|евна|ична|ovich|evich|ovna|evna|ichna)$/iu;

/**
 * Splits a full name. Cyrillic names follow Russian order: one word is a first name, two are
 * "Фамилия Имя" (or "Имя Отчество" when the second is a patronymic), three or more are
 * "Фамилия Имя Отчество…" (or "Имя Отчество Фамилия" when the second is a patronymic).
 * Latin names follow Western order ("John Smith", "John Paul Smith") unless the last of three
 * words is a patronymic ("Ivanov Ivan Ivanovich").
 */
export function splitFullName(text: string): NameParts {
  const words = text.trim().split(/\s+/).filter((w) => w !== '');
  if (words.length === 0) return {};
  if (words.length === 1) return { firstName: words[0] };
  const isPatronymic = (w: string | undefined): boolean => w !== undefined && w.length > 3 && patronymic.test(w);
  if (!/\p{Script=Cyrillic}/u.test(text) && !(words.length >= 3 && isPatronymic(words[2]))) {
    if (words.length === 2) return { firstName: words[0], lastName: words[1] };
    return { firstName: words[0], middleName: words.slice(1, -1).join(' '), lastName: words[words.length - 1] };
  }
  if (words.length === 2) {
    return isPatronymic(words[1]) ? { firstName: words[0], middleName: words[1] } : { lastName: words[0], firstName: words[1] };
  }
  if (isPatronymic(words[1]) && !isPatronymic(words[2])) {
    return { firstName: words[0], middleName: words[1], lastName: words.slice(2).join(' ') };
  }
  return { lastName: words[0], firstName: words[1], middleName: words.slice(2).join(' ') };
}
