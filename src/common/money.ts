// Money crosses the API as decimal amounts ("1234.50", 19.99) and is stored as integer minor
// units (kopecks, cents, fils). The conversion works on the decimal digits rather than on
// floating-point products, so 1.005 becomes 101 kopecks and not 100.

let knownCurrencies: Set<string> | undefined;

/** Whether a code is an ISO 4217 currency the runtime knows (case-insensitive, e.g. "rub"). */
export function isCurrencyCode(code: string): boolean {
  // Intl.NumberFormat accepts any well-formed three-letter code ("XYZ"), so the list of
  // currencies the runtime actually knows is the real check.
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return knownCurrencies.has(code.trim().toUpperCase());
}

// Digits per currency code; building an Intl.NumberFormat per amount showed in ingestion profiles.
const digitsByCode = new Map<string, number>();

/** Number of digits after the decimal point in a currency's minor unit: RUB 2, JPY 0, KWD 3. */
export function fractionDigits(currency: string): number {
  const code = currency.trim().toUpperCase();
  const known = digitsByCode.get(code);
  if (known !== undefined) return known;
  if (!isCurrencyCode(code)) {
    throw new RangeError(`"${currency}" is not an ISO 4217 currency code`);
  }
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions().maximumFractionDigits ?? 2;
  digitsByCode.set(code, digits);
  return digits;
}

const decimalPattern = /^([+-])?(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** Converts a decimal amount (number or numeric string) to integer minor units, rounding half away from zero. */
export function toMinorUnits(amount: number | string, currency: string): number {
  const digits = fractionDigits(currency);
  if (typeof amount === 'number' && !Number.isFinite(amount)) {
    throw new RangeError(`${amount} is not an amount of money`);
  }
  // String(number) is the shortest text that reads back as the same number, which is the
  // decimal the sender meant (19.999, not 19.998999999999998…).
  const text = typeof amount === 'number' ? String(amount) : amount.trim();
  const match = decimalPattern.exec(text);
  const whole = match?.[2] ?? '';
  const fraction = match?.[3] ?? '';
  if (!match || whole + fraction === '') {
    throw new RangeError(`"${amount}" is not an amount of money`);
  }
  const all = whole + fraction;
  const significant = all.replace(/^0+/, '');
  if (significant === '') return 0;
  // Where the minor-unit point falls within the significant digits, after the exponent.
  const point = whole.length + Number(match[4] ?? 0) + digits - (all.length - significant.length);
  if (point > 17) throw new RangeError(`"${amount}" is too large an amount of money`);
  const kept = point <= 0 ? 0 : Number(significant.slice(0, point).padEnd(point, '0'));
  const firstDropped = point < 0 ? 0 : Number(significant[point] ?? '0');
  const magnitude = kept + (firstDropped >= 5 ? 1 : 0);
  if (!Number.isSafeInteger(magnitude)) {
    throw new RangeError(`"${amount}" is too large an amount of money`);
  }
  return match[1] === '-' && magnitude !== 0 ? -magnitude : magnitude;
}

/** Converts integer minor units back to a decimal amount, e.g. 123450 RUB to 1234.5. */
export function fromMinorUnits(minor: number, currency: string): number {
  if (!Number.isSafeInteger(minor)) {
    throw new RangeError(`${minor} is not a whole number of minor units`);
  }
  const digits = fractionDigits(currency);
  // Dividing by a power of ten yields the closest double to the decimal, e.g. 1999 / 100 = 19.99.
  return minor / 10 ** digits;
}
