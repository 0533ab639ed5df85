// Calendar arithmetic in a workspace's time zone. Storage is UTC epoch milliseconds; "days" for
// reports and purchase-day counting are local days of the workspace.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local calendar parts of an instant in a time zone. */
export function localParts(ms: number, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year ?? 1970, month: parts.month ?? 1, day: parts.day ?? 1, hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

/** The local day of an instant as a day number (days since 1970-01-01). */
export function localDayNumber(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  return Math.floor(Date.UTC(p.year, p.month - 1, p.day) / 86_400_000);
}

/** Offset of a time zone from UTC at an instant, in milliseconds (Moscow: +3 h). */
export function zoneOffset(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - (ms - (ms % 1000));
}

/** The instant of a local wall-clock time in a time zone (DST gaps resolve forward). */
export function fromLocal(year: number, month: number, day: number, hour: number, minute: number, second: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = guess - zoneOffset(guess, timeZone);
  const second2 = guess - zoneOffset(first, timeZone);
  return second2;
}

/** The first instant of a local day given as a day number (days since 1970-01-01). */
export function localDayStart(dayNumber: number, timeZone: string): number {
  const d = new Date(dayNumber * 86_400_000);
  return fromLocal(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0, 0, 0, timeZone);
}
