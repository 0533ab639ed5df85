import { describe, expect, it } from 'vitest';
import { isoDay, parseDay, previousPeriod } from './days.js';

const period = (from: string, to: string) => {
  const before = previousPeriod(parseDay(from, 'from'), parseDay(to, 'to'));
  return [isoDay(before.fromDay), isoDay(before.toDay)];
};

describe('previousPeriod', () => {
  it('compares a calendar month, quarter or year with the calendar months just before', () => {
    expect(period('2026-03-01', '2026-03-31')).toEqual(['2026-02-01', '2026-02-28']);
    expect(period('2026-07-01', '2026-09-30')).toEqual(['2026-04-01', '2026-06-30']); // Q3 (92 days) against Q2 (91)
    expect(period('2026-01-01', '2026-03-31')).toEqual(['2025-10-01', '2025-12-31']);
    expect(period('2025-01-01', '2025-12-31')).toEqual(['2024-01-01', '2024-12-31']);
  });

  it('compares any other period with as many days just before', () => {
    expect(period('2026-03-02', '2026-03-31')).toEqual(['2026-01-31', '2026-03-01']);
    expect(period('2026-06-01', '2026-06-29')).toEqual(['2026-05-03', '2026-05-31']);
  });
});
