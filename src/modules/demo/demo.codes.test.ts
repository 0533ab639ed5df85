import { describe, expect, it } from 'vitest';
import { normalizePhone } from '../../common/identifiers.js';
import { createPermutation, ean13CheckDigit, isValidEan13, loyaltyCard, mobilePhone, mobileSubscribers } from './demo.codes.js';

describe('ean13CheckDigit', () => {
  it('matches published EAN-13 codes', () => {
    // Examples from GS1 and Wikipedia's EAN-13 article.
    expect(ean13CheckDigit('400638133393')).toBe(1); // 4006381333931
    expect(ean13CheckDigit('590123412345')).toBe(7); // 5901234123457
    expect(ean13CheckDigit('460123456789')).toBe(3); // 4601234567893, hand-computed: weighted sum 117
    expect(ean13CheckDigit('000000000000')).toBe(0);
  });

  it('rejects anything but 12 digits', () => {
    expect(() => ean13CheckDigit('12345')).toThrow(RangeError);
    expect(() => ean13CheckDigit('59012341234a')).toThrow(RangeError);
  });
});

describe('isValidEan13', () => {
  it('accepts correct codes and rejects a changed digit or a wrong length', () => {
    expect(isValidEan13('4006381333931')).toBe(true);
    expect(isValidEan13('4006381333932')).toBe(false);
    expect(isValidEan13('4006381333391')).toBe(false); // two digits swapped
    expect(isValidEan13('400638133393')).toBe(false);
  });
});

describe('loyaltyCard and mobilePhone', () => {
  it('builds in-store EAN-13 cards and E.164 Russian mobiles', () => {
    expect(loyaltyCard(0)).toBe('2000000000008');
    expect(loyaltyCard(12_345)).toMatch(/^200000012345\d$/);
    expect(isValidEan13(loyaltyCard(99_999_999_999))).toBe(true);
    expect(mobilePhone(0)).toBe('+79000000000');
    expect(mobilePhone(123_456_789)).toBe('+79123456789');
  });

  it('makes only numbers the product accepts, skipping the unallocated +7 930 0… block', () => {
    expect(mobilePhone(299_999_999)).toBe('+79299999999');
    expect(mobilePhone(300_000_000)).toBe('+79301000000');
    expect(mobilePhone(mobileSubscribers - 1)).toBe('+79999999999');
    // A spread of subscribers across the whole range, and every number of the block's edges.
    const samples = [...Array.from({ length: 20_000 }, (_, i) => Math.floor((i * mobileSubscribers) / 20_000)), ...Array.from({ length: 2000 }, (_, i) => 299_999_000 + i)];
    const refused = samples.map(mobilePhone).filter((phone) => !normalizePhone(phone, 'RU').ok);
    expect(refused).toEqual([]);
  });
});

describe('createPermutation', () => {
  it('is a bijection of [0, domain) for awkward domain sizes', () => {
    for (const domain of [1, 2, 10, 1000, 4097]) {
      const permute = createPermutation(domain, 12345);
      const seen = new Set<number>();
      for (let i = 0; i < domain; i++) {
        const value = permute(i);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThan(domain);
        seen.add(value);
      }
      expect(seen.size).toBe(domain);
    }
  });

  it('scatters neighbours and depends on the key', () => {
    const a = createPermutation(1_000_000_000, 1);
    const b = createPermutation(1_000_000_000, 2);
    const firstA = [0, 1, 2, 3, 4].map(a);
    expect(firstA).not.toEqual([0, 1, 2, 3, 4].map(b));
    // Consecutive customers must not get consecutive phone numbers.
    expect(firstA.slice(1).every((v, i) => Math.abs(v - firstA[i]) > 1000)).toBe(true);
  });

  it('rejects indices outside the domain', () => {
    const permute = createPermutation(100, 7);
    expect(() => permute(100)).toThrow(RangeError);
    expect(() => permute(-1)).toThrow(RangeError);
    expect(() => createPermutation(0, 7)).toThrow(RangeError);
  });
});
