import { describe, expect, it } from 'vitest';
import { cohortRetention, monthLabel, monthOfDay } from './cohorts.js';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

describe('cohortRetention', () => {
  it('follows each first-purchase month (hand-computed)', () => {
    const customers = [
      [day('2026-01-05'), day('2026-02-10'), day('2026-03-01')],
      [day('2026-01-20')],
      [day('2026-01-31'), day('2026-01-31'), day('2026-03-15')],
      [day('2026-02-02'), day('2026-02-20')],
      [day('2025-12-01'), day('2026-01-10')], // a December cohort: outside the months asked
    ];
    const cohorts = cohortRetention(customers, monthOfDay(day('2026-01-01')), monthOfDay(day('2026-03-31')));
    expect(cohorts).toEqual([
      { month: '2026-01', customers: 3, retention: [1, 1 / 3, 2 / 3] },
      { month: '2026-02', customers: 1, retention: [1, 0] },
      { month: '2026-03', customers: 0, retention: [0] },
    ]);
  });

  it('follows no cohort past the month given, so months not begun have no figures', () => {
    const customers = [[day('2026-01-05'), day('2026-02-10')], [day('2026-02-03')]];
    const cohorts = cohortRetention(customers, monthOfDay(day('2026-01-01')), monthOfDay(day('2026-04-30')), monthOfDay(day('2026-02-14')));
    expect(cohorts).toEqual([
      { month: '2026-01', customers: 1, retention: [1, 1] },
      { month: '2026-02', customers: 1, retention: [1] },
      { month: '2026-03', customers: 0, retention: [] },
      { month: '2026-04', customers: 0, retention: [] },
    ]);
  });

  it('labels months', () => {
    expect(monthLabel(monthOfDay(day('1997-09-30')))).toBe('1997-09');
  });
});
