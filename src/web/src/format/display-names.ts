// Country and language codes as words in the interface language ("RU" → "Россия", "ru-RU" →
// "Русский (Россия)"), from the browser's own Intl data. Codes Intl does not know are returned null,
// so the caller shows them as they are.

const cache = new Map<string, Intl.DisplayNames>();

function names(locale: string, type: 'region' | 'language'): Intl.DisplayNames {
  const key = `${locale}|${type}`;
  let found = cache.get(key);
  if (!found) cache.set(key, (found = new Intl.DisplayNames(locale, { type, fallback: 'none' })));
  return found;
}

/** The name of an ISO 3166 alpha-2 country code ("RU", "kz") in a language; null for anything else. */
export function countryName(code: string, locale: string): string | null {
  const trimmed = code.trim();
  if (!/^[A-Za-z]{2}$/.test(trimmed)) return null;
  return names(locale, 'region').of(trimmed.toUpperCase()) ?? null;
}

/** The name of a language tag ("ru-RU", "en_US", "kk") in a language, capitalised as a field value; null when not a tag. */
export function languageName(tag: string, locale: string): string | null {
  try {
    const name = names(locale, 'language').of(tag.trim().replace(/_/g, '-'));
    return name ? name.charAt(0).toLocaleUpperCase(locale) + name.slice(1) : null;
  } catch {
    // Intl throws RangeError on text that is not a language tag.
    return null;
  }
}
