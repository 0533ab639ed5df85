import { describe, expect, it } from 'vitest';
import { monthlyDiscount, readClvSettings, withClvSettings } from './clv-state.js';

describe('the CLV settings in the address', () => {
  const today = '2026-06-30';

  it('predicts from today’s orders for twelve months at 1 % a month by default, and leaves the address clean then', () => {
    const settings = readClvSettings(new URLSearchParams(''), today);
    expect(settings).toEqual({ calibrationEnd: today, months: 12, discountPercent: 1 });
    expect(withClvSettings(new URLSearchParams(''), settings, today).toString()).toBe('');
  });

  it('keeps settings of one’s own beside the period', () => {
    const settings = readClvSettings(new URLSearchParams('end=2026-03-31&months=24&discount=1.5'), today);
    expect(settings).toEqual({ calibrationEnd: '2026-03-31', months: 24, discountPercent: 1.5 });
    expect(withClvSettings(new URLSearchParams('period=365'), settings, today).toString()).toBe('period=365&end=2026-03-31&months=24&discount=1.5');
    expect(readClvSettings(new URLSearchParams('discount=0'), today).discountPercent).toBe(0);
  });

  it('ignores what the API would refuse', () => {
    for (const query of ['end=2026-02-30', 'end=yesterday', 'months=0', 'months=121', 'months=2.5', 'discount=-1', 'discount=101', 'discount=', 'discount=x']) {
      expect(readClvSettings(new URLSearchParams(query), today), query).toEqual({ calibrationEnd: today, months: 12, discountPercent: 1 });
    }
  });

  it('gives the API the discount as a fraction', () => {
    expect(monthlyDiscount({ calibrationEnd: today, months: 12, discountPercent: 1 })).toBe(0.01);
    expect(monthlyDiscount({ calibrationEnd: today, months: 12, discountPercent: 1.1 })).toBe(0.011);
    expect(monthlyDiscount({ calibrationEnd: today, months: 12, discountPercent: 100 })).toBe(1);
  });
});
