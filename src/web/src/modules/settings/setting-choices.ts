import { phoneRegions } from './phone-regions.js';

// Options of the workspace form, named in the interface language by the browser's own Intl data,
// so no list of names has to be translated or kept up to date here.

/** One option of a Select. */
export interface Choice {
  value: string;
  label: string;
}

/** A titled group of options. */
export interface ChoiceGroup {
  group: string;
  items: Choice[];
}

// Currencies of the shops Klientura is made for, in the order they are usually looked for.
const commonCurrencies = ['RUB', 'USD', 'EUR', 'KZT', 'BYN', 'UZS', 'KGS', 'AMD', 'AZN', 'GEL', 'TJS', 'MDL', 'UAH', 'CNY', 'TRY', 'AED', 'GBP'];

/** IANA time zones labelled with their current offset ("Europe/Moscow · UTC+3"); the saved one is always among them. */
export function timeZoneChoices(current: string, now = Date.now()): Choice[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  zones.add(current);
  return [...zones].sort().map((zone) => {
    const offset = utcOffset(zone, now);
    return { value: zone, label: offset ? `${zone} · ${offset}` : zone };
  });
}

/** Currencies as "RUB — российский рубль": the common ones first, then every other ISO 4217 code. */
export function currencyChoices(locale: string, current: string, groups: { common: string; other: string }): ChoiceGroup[] {
  const names = new Intl.DisplayNames(locale, { type: 'currency' });
  const label = (code: string) => `${code} — ${names.of(code) ?? code}`;
  const others = new Set(Intl.supportedValuesOf('currency'));
  others.add(current);
  for (const code of commonCurrencies) others.delete(code);
  return [
    { group: groups.common, items: commonCurrencies.map((code) => ({ value: code, label: label(code) })) },
    { group: groups.other, items: [...others].sort().map((code) => ({ value: code, label: label(code) })) },
  ];
}

/** Countries as "Россия (RU)": Russia first, the others by name in the interface language. */
export function phoneRegionChoices(locale: string): Choice[] {
  const names = new Intl.DisplayNames(locale, { type: 'region' });
  const collator = new Intl.Collator(locale);
  const choices = phoneRegions.map((code) => ({ value: code, label: `${names.of(code) ?? code} (${code})` }));
  const [first, rest] = [choices.filter((c) => c.value === 'RU'), choices.filter((c) => c.value !== 'RU')];
  return [...first, ...rest.sort((a, b) => collator.compare(a.label, b.label))];
}

// "UTC+3", "UTC−3:30", "UTC" from the browser's own zone data at a given moment.
function utcOffset(zone: string, at: number): string {
  try {
    const parts = new Intl.DateTimeFormat('en', { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(at);
    const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    return name.replace('GMT', 'UTC');
  } catch {
    return '';
  }
}
