import { describe, expect, it } from 'vitest';
import { fromLocal, localDayNumber, zoneOffset } from './time.js';

describe('time zone arithmetic', () => {
  it('counts local days in Moscow', () => {
    // 2024-01-31 21:30 UTC is already 1 February 00:30 in Moscow (UTC+3).
    expect(localDayNumber(Date.UTC(2024, 0, 31, 21, 30), 'Europe/Moscow')).toBe(Date.UTC(2024, 1, 1) / 86_400_000);
    expect(localDayNumber(Date.UTC(2024, 0, 31, 20, 59), 'Europe/Moscow')).toBe(Date.UTC(2024, 0, 31) / 86_400_000);
  });
  it('knows the Moscow offset', () => {
    expect(zoneOffset(Date.UTC(2024, 5, 1), 'Europe/Moscow')).toBe(3 * 3600_000);
  });
  it('converts local wall time to UTC across DST in Berlin', () => {
    expect(fromLocal(2024, 2, 1, 0, 0, 0, 'Europe/Moscow')).toBe(Date.UTC(2024, 0, 31, 21));
    expect(fromLocal(2024, 7, 1, 12, 0, 0, 'Europe/Berlin')).toBe(Date.UTC(2024, 6, 1, 10));
    expect(fromLocal(2024, 1, 15, 12, 0, 0, 'Europe/Berlin')).toBe(Date.UTC(2024, 0, 15, 11));
  });
});
