// "5 minutes ago", "вчера": how long ago an instant was, in the interface language. Kept apart from
// the Formatter, whose values do not change while a page is open; this one does, so callers pass
// their own `now`.

const units: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** How long before `now` an instant (epoch ms) was, in the largest whole unit: "2 hours ago"; null under a minute ("just now" is the caller's to word). */
export function relativeTime(ms: number, now: number, locale: string): string | null {
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const elapsed = Math.max(0, now - ms);
  for (const [unit, size] of units) {
    if (elapsed >= size) return format.format(-Math.floor(elapsed / size), unit);
  }
  return null;
}
