import { describe, expect, it } from 'vitest';
import {
  blackFridayDay, buildCalendar, buildProfile, dayAtOp, onlineDemand, onlineHours, opAt, profileTotal,
  retailSeason, storeDemand, storeHours, timeInDay,
} from './demo.calendar.js';
import { Rng } from './demo.random.js';

const hour = 3_600_000;
const day = 24 * hour;

describe('buildCalendar', () => {
  it('finds local midnights and weekdays in Moscow (UTC+3 all year)', () => {
    const calendar = buildCalendar(Date.UTC(2024, 11, 31, 12), Date.UTC(2025, 0, 2, 12), 'Europe/Moscow');
    expect(calendar.days.map((d) => [d.year, d.month, d.dayOfMonth, d.weekday])).toEqual([
      [2024, 11, 31, 1], // Tuesday
      [2025, 0, 1, 2],
      [2025, 0, 2, 3],
    ]);
    expect(calendar.midnight[1]).toBe(Date.UTC(2024, 11, 31, 21)); // 1 January 00:00 MSK
    expect(calendar.midnight).toHaveLength(4);
  });

  it('handles a 23-hour day when clocks go forward', () => {
    // Berlin moved to summer time on 30 March 2025.
    const calendar = buildCalendar(Date.UTC(2025, 2, 29, 12), Date.UTC(2025, 2, 31, 12), 'Europe/Berlin');
    const march30 = calendar.days.findIndex((d) => d.month === 2 && d.dayOfMonth === 30);
    expect(calendar.midnight[march30]).toBe(Date.UTC(2025, 2, 29, 23));
    expect(calendar.midnight[march30 + 1] - calendar.midnight[march30]).toBe(23 * hour);
  });

  it('rejects an empty history and an unknown timezone', () => {
    expect(() => buildCalendar(10, 10, 'Europe/Moscow')).toThrow(RangeError);
    expect(() => buildCalendar(0, day, 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('operational time', () => {
  const start = Date.UTC(2023, 0, 1, 5);
  const end = Date.UTC(2025, 0, 1, 5);
  const calendar = buildCalendar(start, end, 'Europe/Moscow');
  const profile = buildProfile(calendar, onlineDemand);

  it('totals the history length in days and maps real time back and forth', () => {
    expect(profileTotal(profile)).toBeCloseTo((end - start) / day, 6);
    expect(opAt(calendar, profile, start)).toBe(0);
    expect(opAt(calendar, profile, end)).toBeCloseTo(profileTotal(profile), 6);
    const t = Date.UTC(2024, 5, 10, 12);
    const d = dayAtOp(profile, opAt(calendar, profile, t));
    expect(calendar.midnight[d]).toBeLessThanOrEqual(t);
    expect(calendar.midnight[d + 1]).toBeGreaterThan(t);
  });

  it('runs faster in December than in February', () => {
    const december = calendar.days.findIndex((d) => d.year === 2023 && d.month === 11 && d.dayOfMonth === 22);
    const february = calendar.days.findIndex((d) => d.year === 2023 && d.month === 1 && d.dayOfMonth === 8);
    const width = (d: number): number => profile.ends[d] - profile.ends[d - 1];
    expect(width(december) / width(february)).toBeGreaterThan(1.5);
  });

  it('keeps times of day inside the day, the history and opening hours', () => {
    const rng = new Rng(5);
    const last = calendar.days.length - 1;
    for (let i = 0; i < 2000; i++) {
      const d = i % (last + 1);
      const t = timeInDay(calendar, d, storeHours, rng);
      expect(t).toBeGreaterThanOrEqual(Math.max(start, calendar.midnight[d]));
      expect(t).toBeLessThanOrEqual(Math.min(end, calendar.midnight[d + 1] - 1));
      const localHour = new Date(t + 3 * hour).getUTCHours();
      // Partial first and last days fall back to any moment; every other store time is 10:00–21:59.
      if (d !== 0 && d !== last) expect(localHour >= 10 && localHour < 22).toBe(true);
    }
    expect(timeInDay(calendar, 5, onlineHours, rng)).toBeGreaterThanOrEqual(calendar.midnight[5]);
  });
});

describe('retail season', () => {
  it('dates Black Friday on the last Friday of November', () => {
    expect(blackFridayDay(2023)).toBe(24);
    expect(blackFridayDay(2024)).toBe(29);
    expect(blackFridayDay(2025)).toBe(28);
  });

  it('peaks on Black Friday and before 8 March, dips on New Year holidays, and fills shops at weekends', () => {
    const on = (year: number, month: number, dayOfMonth: number, weekday = 2) => ({ year, month, dayOfMonth, weekday });
    expect(retailSeason(on(2024, 10, 29))).toBeGreaterThan(2 * retailSeason(on(2024, 10, 15)));
    expect(retailSeason(on(2025, 2, 6))).toBeGreaterThan(retailSeason(on(2025, 2, 20)));
    expect(retailSeason(on(2025, 1, 21))).toBeGreaterThan(retailSeason(on(2025, 1, 5)));
    expect(retailSeason(on(2025, 0, 1))).toBeLessThan(0.5 * retailSeason(on(2025, 0, 20)));
    expect(storeDemand(on(2025, 3, 12, 5))).toBeGreaterThan(1.5 * storeDemand(on(2025, 3, 7, 0)));
  });
});
