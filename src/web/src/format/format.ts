import { localDayNumber } from '../../../platform/time.js';

// Numbers, money and dates as the reader expects them: in the interface language's conventions,
// money in the workspace's currency and instants in the workspace's time zone (a shop in
// Vladivostok sees its own "yesterday", wherever the manager's laptop is).

/** What formatting needs to know about the workspace. */
export interface FormatContext {
  locale: string;
  currency: string;
  timezone: string;
}

/** Formatting functions bound to a language and a workspace. */
export interface Formatter {
  /** An integer count or measure. */
  number(value: number): string;
  /** A measure with up to `places` decimals (1 by default): "2,5". */
  decimal(value: number, places?: number): string;
  /** A measure to `digits` significant digits (4 by default), whole digits always kept: 0,0001291; 13,54; 3 349 352. */
  significant(value: number, digits?: number): string;
  /** A fraction as a percentage with up to `places` decimals (1 by default): 0.667 → "66,7 %". */
  percent(fraction: number, places?: number): string;
  /** Money given in minor units (kopecks) in the workspace currency. */
  money(minor: number): string;
  /** A calendar date of an instant (epoch ms), in the workspace time zone: "6 мая 2026 г.". */
  date(ms: number): string;
  /** The same date in digits, for tables: "06.05.2026". */
  shortDate(ms: number): string;
  /** Date and time of an instant (epoch ms), in the workspace time zone. */
  dateTime(ms: number): string;
  /** A stored calendar day ("YYYY-MM-DD", such as a birth date), without time-zone shifts. */
  day(isoDay: string): string;
  /** The same calendar day in digits, for chart axes and tables: "30.04.2026". */
  shortDay(isoDay: string): string;
  /** A calendar month ("YYYY-MM") with its year: "март 2026 г.", "March 2026". */
  month(isoMonth: string): string;
  /** Whole days from an instant's local day to today's, in the workspace time zone. */
  daysSince(ms: number, now?: number): number;
}

/** Creates the formatting functions for a language and a workspace. */
export function createFormatter({ locale, currency, timezone }: FormatContext): Formatter {
  const numbers = new Intl.NumberFormat(locale);
  const digits = minorDigits(currency);
  // Whole amounts without ",00" (revenue reads better as "12 500 ₽"), others with all their kopecks ("4 322,50 ₽").
  const wholeMoney = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 0 });
  const exactMoney = new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits });
  const unit = 10 ** digits;
  const dates = new Intl.DateTimeFormat(locale, { timeZone: timezone, day: 'numeric', month: 'short', year: 'numeric' });
  const shortDates = new Intl.DateTimeFormat(locale, { timeZone: timezone, day: '2-digit', month: '2-digit', year: 'numeric' });
  const dateTimes = new Intl.DateTimeFormat(locale, { timeZone: timezone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const days = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' });
  const shortDays = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' });
  const months = new Intl.DateTimeFormat(locale, { timeZone: 'UTC', month: 'long', year: 'numeric' });
  // Chart axes format the same few shapes over and over; one Intl object per shape is enough.
  const shapes = new Map<string, Intl.NumberFormat>();
  const cached = (key: string, options: Intl.NumberFormatOptions) => {
    let format = shapes.get(key);
    if (!format) shapes.set(key, (format = new Intl.NumberFormat(locale, options)));
    return format;
  };
  return {
    number: (value) => numbers.format(value),
    decimal: (value, places = 1) => cached(`d${places}`, { maximumFractionDigits: places }).format(value),
    significant: (value, digits = 4) =>
      cached(`s${digits}`, { maximumSignificantDigits: digits, maximumFractionDigits: 0, roundingPriority: 'morePrecision' }).format(value),
    percent: (fraction, places = 1) => cached(`p${places}`, { style: 'percent', maximumFractionDigits: places }).format(fraction),
    money: (minor) => (minor % unit === 0 ? wholeMoney : exactMoney).format(minor / unit),
    date: (ms) => dates.format(ms),
    shortDate: (ms) => shortDates.format(ms),
    dateTime: (ms) => dateTimes.format(ms),
    day: (isoDay) => {
      const ms = Date.parse(`${isoDay}T00:00:00Z`);
      return Number.isNaN(ms) ? isoDay : days.format(ms);
    },
    shortDay: (isoDay) => {
      const ms = Date.parse(`${isoDay}T00:00:00Z`);
      return Number.isNaN(ms) ? isoDay : shortDays.format(ms);
    },
    month: (isoMonth) => {
      const ms = Date.parse(`${isoMonth}-01T00:00:00Z`);
      return Number.isNaN(ms) ? isoMonth : months.format(ms);
    },
    daysSince: (ms, now = Date.now()) => localDayNumber(now, timezone) - localDayNumber(ms, timezone),
  };
}

/** Converts an amount in major units (roubles) to the API's minor units (kopecks). */
export function toMinorUnits(major: number, currency: string): number {
  return Math.round(major * 10 ** minorDigits(currency));
}

/** Converts the API's minor units (kopecks) to major units (roubles). */
export function toMajorUnits(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

// Decimal places of a currency's minor unit: 2 for RUB, 0 for JPY.
function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** A stored E.164 phone as people write it: "+7 912 345-67-89" for Russia and Kazakhstan, as stored elsewhere. */
export function formatPhone(e164: string): string {
  const m = /^\+7(\d{3})(\d{3})(\d{2})(\d{2})$/.exec(e164);
  return m ? `+7 ${m[1]} ${m[2]}-${m[3]}-${m[4]}` : e164;
}

/** A person's name from its parts, or null when none is known. */
export function personName(person: { firstName: string | null; lastName: string | null; middleName?: string | null }, withMiddle = false): string | null {
  const parts = withMiddle ? [person.lastName, person.firstName, person.middleName] : [person.firstName, person.lastName];
  const name = parts.filter((p) => p && p.trim()).join(' ');
  return name || null;
}
