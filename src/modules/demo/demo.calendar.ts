import { upperBound, WeightedTable, type Rng } from './demo.random.js';

// Days of the history in the workspace timezone, and "operational time": a clock that runs faster on
// busy days. Customers buy at a steady rate in operational time, which turns into real dates with the
// shop's seasonality (Black Friday, December, the January dip) without per-order rejection loops.

const dayMs = 86_400_000;

/** One local day of the history. */
export interface CalendarDay {
  year: number;
  /** 0 = January. */
  month: number;
  dayOfMonth: number;
  /** 0 = Monday … 6 = Sunday. */
  weekday: number;
}

/** The local days covering [start, end] in one timezone. */
export interface HistoryCalendar {
  start: number;
  end: number;
  days: CalendarDay[];
  /** UTC ms of each local midnight; one more entry than days (the midnight after the last day). */
  midnight: Float64Array;
}

/** Cumulative busyness per day; its total equals the history length in days. */
export interface IntensityProfile {
  /** Operational time at the end of each day. */
  ends: Float64Array;
}

/** Builds the calendar of local days (in the IANA timezone) that cover [start, end]. */
export function buildCalendar(start: number, end: number, timezone: string): HistoryCalendar {
  if (!(end > start)) throw new RangeError('the history must end after it starts');
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
    hour: 'numeric', minute: 'numeric', second: 'numeric',
  });
  const localParts = (t: number): number[] => {
    const parts = format.formatToParts(t);
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
    return [get('year'), get('month'), get('day'), get('hour'), get('minute'), get('second')];
  };
  const offset = (t: number): number => {
    const [y, mo, d, h, mi, s] = localParts(t);
    return Date.UTC(y, mo - 1, d, h, mi, s) - Math.floor(t / 1000) * 1000;
  };
  const [y0, m0, d0] = localParts(start);
  const days: CalendarDay[] = [];
  const midnights: number[] = [];
  for (let i = 0; ; i++) {
    const wall = Date.UTC(y0, m0 - 1, d0 + i);
    // Two passes settle the offset on days when it changes (daylight saving).
    let utc = wall - offset(wall);
    utc = wall - offset(utc);
    midnights.push(utc);
    if (utc > end) break;
    const date = new Date(wall);
    days.push({
      year: date.getUTCFullYear(),
      month: date.getUTCMonth(),
      dayOfMonth: date.getUTCDate(),
      weekday: (date.getUTCDay() + 6) % 7,
    });
  }
  return { start, end, days, midnight: Float64Array.from(midnights) };
}

/** Builds a profile from a weight per day, scaled by how much of each day lies inside the history. */
export function buildProfile(calendar: HistoryCalendar, weight: (day: CalendarDay, fraction: number) => number): IntensityProfile {
  const { days, midnight, start, end } = calendar;
  const raw = new Float64Array(days.length);
  let sum = 0;
  days.forEach((day, d) => {
    const covered = Math.min(end, midnight[d + 1]) - Math.max(start, midnight[d]);
    const length = midnight[d + 1] - midnight[d];
    const fraction = (d + 0.5) / days.length;
    raw[d] = Math.max(0, covered / length) * weight(day, fraction);
    sum += raw[d];
  });
  const scale = (end - start) / dayMs / sum;
  const ends = new Float64Array(days.length);
  let acc = 0;
  for (let d = 0; d < days.length; d++) {
    acc += raw[d] * scale;
    ends[d] = acc;
  }
  return { ends };
}

/** Total operational time of a profile (the history length in days). */
export function profileTotal(profile: IntensityProfile): number {
  return profile.ends[profile.ends.length - 1];
}

/** The day an operational time falls on. */
export function dayAtOp(profile: IntensityProfile, op: number): number {
  return upperBound(profile.ends, op);
}

/** The operational time of a real instant inside the history. */
export function opAt(calendar: HistoryCalendar, profile: IntensityProfile, t: number): number {
  const d = Math.max(0, upperBound(calendar.midnight, t) - 1);
  const lo = Math.max(calendar.start, calendar.midnight[d]);
  const hi = Math.min(calendar.end, calendar.midnight[d + 1]);
  const before = d === 0 ? 0 : profile.ends[d - 1];
  const share = hi > lo ? Math.min(1, Math.max(0, (t - lo) / (hi - lo))) : 0;
  return before + (profile.ends[d] - before) * share;
}

/** A time of day on day d drawn from an hourly profile, kept inside the history. */
export function timeInDay(calendar: HistoryCalendar, d: number, hours: WeightedTable<number>, rng: Rng): number {
  const dayStart = calendar.midnight[d];
  const length = calendar.midnight[d + 1] - dayStart;
  const lo = Math.max(calendar.start, dayStart);
  const hi = Math.min(calendar.end, calendar.midnight[d + 1] - 1);
  for (let attempt = 0; attempt < 4; attempt++) {
    // Scaling by the day's length keeps 23- and 25-hour days inside their own midnights.
    const t = dayStart + Math.floor(((hours.sample(rng) + rng.next()) / 24) * length);
    if (t >= lo && t <= hi) return t;
  }
  // Only the partial first and last days get here: any moment inside them will do.
  return lo + Math.floor(rng.next() * (hi - lo + 1));
}

/** Hours when people shop online: lunch and evening peaks. */
export const onlineHours = new WeightedTable<number>(
  [0.9, 0.5, 0.3, 0.2, 0.2, 0.3, 0.6, 1.2, 2.0, 2.8, 3.5, 4.0, 4.6, 4.8, 4.4, 4.2, 4.2, 4.4, 4.9, 5.6, 6.2, 6.4, 5.2, 2.6]
    .map((w, hour) => [hour, w] as const),
);

/** Hours when the shops sell: open 10:00–22:00, busiest after work. */
export const storeHours = new WeightedTable<number>(
  [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2.0, 3.0, 4.0, 4.6, 4.8, 4.8, 5.0, 5.6, 6.4, 6.6, 5.4, 3.2, 0, 0]
    .map((w, hour) => [hour, w] as const),
);

/** Day of November of Black Friday (the last Friday of November) in a year. */
export function blackFridayDay(year: number): number {
  const weekdayOfNov30 = new Date(Date.UTC(year, 10, 30)).getUTCDay();
  return 30 - ((weekdayOfNov30 - 5 + 7) % 7);
}

const monthFactor = [0.78, 0.8, 1.0, 0.95, 0.92, 0.9, 0.88, 0.95, 1.0, 1.05, 1.2, 1.4];

/** Retail demand of a day relative to an average day, before the weekly pattern. */
export function retailSeason(day: CalendarDay): number {
  const { month, dayOfMonth: dom } = day;
  let factor = monthFactor[month];
  if (month === 0) factor *= dom <= 2 ? 0.45 : dom <= 8 ? 0.7 : 1;
  else if (month === 1 && dom >= 17 && dom <= 22) factor *= 1.35; // gifts for 23 February
  else if (month === 1 && dom >= 10 && dom <= 14) factor *= 1.15; // Valentine's Day
  else if (month === 2 && dom <= 7) factor *= 1.7; // gifts for 8 March
  else if (month === 10) {
    const friday = blackFridayDay(day.year);
    const offset = dom - friday;
    if (dom === 11) factor *= 1.4; // 11.11 sales
    if (offset === 0) factor *= 2.6;
    else if (offset === -1) factor *= 1.5;
    else if (offset >= 1 && offset <= 3) factor *= 1.7; // the weekend and Cyber Monday
    else if (offset >= -7 && offset <= -2) factor *= 0.85; // shoppers wait for the sale
  } else if (month === 11) {
    factor *= dom <= 9 ? 1 : dom <= 20 ? 1.25 : dom <= 29 ? 1.55 : dom === 30 ? 1.1 : 0.5;
  }
  return factor;
}

const onlineWeek = [1.05, 1.0, 1.0, 0.98, 0.93, 0.95, 1.09];
const storeWeek = [0.78, 0.8, 0.85, 0.9, 1.1, 1.45, 1.32];

/** Demand of a day for customers who buy mostly online. */
export function onlineDemand(day: CalendarDay): number {
  return retailSeason(day) * onlineWeek[day.weekday];
}

/** Demand of a day for customers who buy mostly in the shops (weekends are busy). */
export function storeDemand(day: CalendarDay): number {
  return retailSeason(day) * storeWeek[day.weekday];
}

/** New customers per day: the shop grows (2.5x from the first to the last day) and peaks with the season. */
export function acquisitionDemand(day: CalendarDay, fraction: number): number {
  return Math.sqrt(retailSeason(day)) * Math.exp(Math.log(2.5) * fraction);
}
