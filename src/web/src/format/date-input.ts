// Typed dates in the interface language's order: "07.12.2026" in Russian, "12/07/2026" in English,
// whatever language the browser itself speaks (a native date field follows the browser, not the app).
// Values travel as ISO days ("2026-12-07").

/** The parts of a day in the order a language writes them, and what separates them. */
export interface DayPattern {
  order: ('day' | 'month' | 'year')[];
  separator: string;
}

/** How a language writes a day in digits, read from Intl. */
export function dayPattern(locale: string): DayPattern {
  const parts = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' }).formatToParts(Date.UTC(2026, 11, 7));
  const order = parts.flatMap((p) => (p.type === 'day' || p.type === 'month' || p.type === 'year' ? [p.type] : []));
  const separator = parts.find((p) => p.type === 'literal')?.value ?? '.';
  return order.length === 3 ? { order, separator } : { order: ['day', 'month', 'year'], separator: '.' };
}

/** A placeholder such as "ДД.ММ.ГГГГ" from the language's letters for day, month and year. */
export function dayPlaceholder(pattern: DayPattern, letters: { day: string; month: string; year: string }): string {
  return pattern.order.map((part) => letters[part]).join(pattern.separator);
}

/** An ISO day ("2026-12-07") written in the pattern ("07.12.2026"); other text is returned as it is. */
export function writeDay(iso: string, pattern: DayPattern): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const values = { year: m[1], month: m[2], day: m[3] };
  return pattern.order.map((part) => values[part]).join(pattern.separator);
}

/**
 * Reads a typed day: digits in the pattern's order with any separators ("7.12.2026", "07/12/2026",
 * "07122026"), or an ISO day as programs write it. Returns the ISO day, "" for empty text, or null
 * when the text is not a real day.
 */
export function readDay(text: string, pattern: DayPattern): string | null {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(trimmed);
  if (iso) return realDay(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  let numbers = trimmed.split(/\D+/).filter(Boolean);
  if (numbers.length === 1 && /^\d{8}$/.test(trimmed)) {
    // Digits only: two for the day, two for the month, four for the year, in the pattern's order.
    const sizes = pattern.order.map((part) => (part === 'year' ? 4 : 2));
    let at = 0;
    numbers = sizes.map((size) => trimmed.slice(at, (at += size)));
  }
  if (numbers.length !== 3) return null;
  const value = (part: DayPattern['order'][number]) => numbers[pattern.order.indexOf(part)] ?? '';
  const year = value('year');
  if (year.length !== 4 || value('day').length > 2 || value('month').length > 2) return null;
  return realDay(Number(year), Number(value('month')), Number(value('day')));
}

function realDay(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (year < 1000 || d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
