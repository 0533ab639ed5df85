import { isDay } from '../period-state.js';

// The CLV screen's settings live in the address (?end=2026-06-30&months=24&discount=1.5), so a link
// shows the same prediction. Left out: orders up to today (the workspace's local day), a twelve-month
// horizon and 1 % a month, the API's defaults. The discount is written in per cent, as typed.

/** What the prediction is made from and for. */
export interface ClvSettings {
  /** Last day of the orders the models learn from, "YYYY-MM-DD". */
  calibrationEnd: string;
  /** Horizon of the prediction, months (1–120). */
  months: number;
  /** Discount per month, in per cent (0–100). */
  discountPercent: number;
}

/** The horizon and discount the screen starts with. */
export const clvDefaults = { months: 12, discountPercent: 1 } as const;

/** Limits the API accepts. */
export const clvLimits = { months: { min: 1, max: 120 }, discountPercent: { min: 0, max: 100 } } as const;

/** The settings when the address names none: orders up to today, the default horizon and discount. */
export function defaultClvSettings(today: string): ClvSettings {
  return { calibrationEnd: today, ...clvDefaults };
}

/** Reads the settings from the address's query; anything malformed or out of range falls back to its default. */
export function readClvSettings(params: URLSearchParams, today: string): ClvSettings {
  const end = params.get('end') ?? '';
  const months = Number(params.get('months') ?? '');
  const discountText = params.get('discount') ?? '';
  const discount = Number(discountText);
  return {
    calibrationEnd: isDay(end) ? end : today,
    months: Number.isInteger(months) && months >= clvLimits.months.min && months <= clvLimits.months.max ? months : clvDefaults.months,
    discountPercent:
      discountText !== '' && Number.isFinite(discount) && discount >= clvLimits.discountPercent.min && discount <= clvLimits.discountPercent.max
        ? discount
        : clvDefaults.discountPercent,
  };
}

/** The address's query with the settings written (defaults left out) and the rest (the period) kept. */
export function withClvSettings(params: URLSearchParams, settings: ClvSettings, today: string): URLSearchParams {
  const next = new URLSearchParams(params);
  const put = (key: string, value: string | null) => (value === null ? next.delete(key) : next.set(key, value));
  put('end', settings.calibrationEnd === today ? null : settings.calibrationEnd);
  put('months', settings.months === clvDefaults.months ? null : String(settings.months));
  put('discount', settings.discountPercent === clvDefaults.discountPercent ? null : String(settings.discountPercent));
  return next;
}

/** The monthly discount as the API takes it, a fraction: 1.5 % → 0.015. */
export function monthlyDiscount(settings: ClvSettings): number {
  // Rounded so that 1.1 % is 0.011, not 0.011000000000000001.
  return Math.round(settings.discountPercent * 1e4) / 1e6;
}
