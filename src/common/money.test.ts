import { describe, expect, it } from 'vitest';
import { fractionDigits, fromMinorUnits, isCurrencyCode, toMinorUnits } from './money.js';

describe('fractionDigits', () => {
  it('follows ISO 4217 minor units', () => {
    expect(fractionDigits('RUB')).toBe(2);
    expect(fractionDigits('USD')).toBe(2);
    expect(fractionDigits('JPY')).toBe(0);
    expect(fractionDigits('KWD')).toBe(3);
    expect(fractionDigits('rub')).toBe(2);
  });

  it('rejects codes that are not currencies, including well-formed made-up ones', () => {
    expect(() => fractionDigits('RUBL')).toThrow('"RUBL" is not an ISO 4217 currency code');
    expect(() => fractionDigits('XYZ')).toThrow('"XYZ" is not an ISO 4217 currency code');
    expect(() => fractionDigits('')).toThrow(RangeError);
    expect(isCurrencyCode('kzt')).toBe(true);
    expect(isCurrencyCode('ZZZ')).toBe(false);
  });
});

describe('toMinorUnits', () => {
  it('rounds half away from zero on the minor unit', () => {
    expect(toMinorUnits(19.999, 'RUB')).toBe(2000);
    expect(toMinorUnits(19.994, 'RUB')).toBe(1999);
    expect(toMinorUnits(0.005, 'RUB')).toBe(1);
    expect(toMinorUnits(0.004, 'RUB')).toBe(0);
    expect(toMinorUnits(-0.005, 'RUB')).toBe(-1);
    expect(toMinorUnits(-19.999, 'RUB')).toBe(-2000);
    expect(Object.is(toMinorUnits(-0.001, 'RUB'), 0)).toBe(true);
  });

  it('works on the decimal the sender wrote, not on a floating-point product', () => {
    // 1.005 * 100 is 100.49999999999999 in binary floating point.
    expect(toMinorUnits(1.005, 'RUB')).toBe(101);
    expect(toMinorUnits(0.1 + 0.2, 'RUB')).toBe(30);
    expect(toMinorUnits(1e-7, 'RUB')).toBe(0);
  });

  it('accepts numeric strings', () => {
    expect(toMinorUnits('1234.50', 'RUB')).toBe(123450);
    expect(toMinorUnits(' 1234.5 ', 'RUB')).toBe(123450);
    expect(toMinorUnits('.5', 'RUB')).toBe(50);
    expect(toMinorUnits('+7', 'RUB')).toBe(700);
    expect(toMinorUnits('1e3', 'RUB')).toBe(100000);
    expect(toMinorUnits('0012.30', 'RUB')).toBe(1230);
  });

  it('uses the currency own number of digits', () => {
    expect(toMinorUnits(1234.5, 'JPY')).toBe(1235);
    expect(toMinorUnits(1234.4, 'JPY')).toBe(1234);
    expect(toMinorUnits(1.2345, 'KWD')).toBe(1235);
    expect(toMinorUnits('0.0005', 'KWD')).toBe(1);
  });

  it('rejects what is not an amount', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, 'abc', '', ' ', '1,5', '12abc', '0x10', 'Infinity', '.']) {
      expect(() => toMinorUnits(bad, 'RUB'), String(bad)).toThrow(RangeError);
    }
    expect(() => toMinorUnits(1e20, 'RUB')).toThrow('too large');
    expect(() => toMinorUnits(10, 'RUBL')).toThrow('not an ISO 4217 currency code');
  });
});

describe('fromMinorUnits', () => {
  it('turns minor units back into the decimal amount', () => {
    expect(fromMinorUnits(123450, 'RUB')).toBe(1234.5);
    expect(fromMinorUnits(1999, 'RUB')).toBe(19.99);
    expect(fromMinorUnits(-1, 'RUB')).toBe(-0.01);
    expect(fromMinorUnits(1235, 'JPY')).toBe(1235);
    expect(fromMinorUnits(1235, 'KWD')).toBe(1.235);
  });

  it('round-trips with toMinorUnits', () => {
    for (const minor of [0, 1, 99, 1999, 123456789]) {
      expect(toMinorUnits(fromMinorUnits(minor, 'RUB'), 'RUB')).toBe(minor);
      expect(toMinorUnits(fromMinorUnits(minor, 'KWD'), 'KWD')).toBe(minor);
    }
  });

  it('rejects fractions of a minor unit', () => {
    expect(() => fromMinorUnits(1.5, 'RUB')).toThrow('not a whole number of minor units');
  });
});
