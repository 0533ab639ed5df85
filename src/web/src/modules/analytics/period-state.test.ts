import { describe, expect, it } from 'vitest';
import { isDay, periodQuery, presetEnd, readPeriod, todayIn, withPeriod, writePeriod } from './period-state.js';

describe('the analytics period in the address', () => {
  const today = '2026-06-30';

  it('is the last 90 days ending today by default, and leaves the address clean then', () => {
    const period = readPeriod(new URLSearchParams(''), today);
    expect(period).toEqual({ choice: '90', from: '2026-04-02', to: '2026-06-30' });
    expect(writePeriod(period).toString()).toBe('');
  });

  it('keeps a preset or a range of one’s own', () => {
    expect(readPeriod(new URLSearchParams('period=30'), today)).toEqual({ choice: '30', from: '2026-06-01', to: '2026-06-30' });
    expect(readPeriod(new URLSearchParams('period=365'), '2026-02-28')).toMatchObject({ from: '2025-03-01' });
    const own = readPeriod(new URLSearchParams('from=2026-04-01&to=2026-06-30'), today);
    expect(own).toEqual({ choice: 'custom', from: '2026-04-01', to: '2026-06-30' });
    expect(writePeriod(own).toString()).toBe('from=2026-04-01&to=2026-06-30');
    expect(writePeriod({ choice: '365', from: 'x', to: 'y' }).toString()).toBe('period=365');
  });

  it('ends the presets on the KPI index’s last day, the day before a recent computation, else today', () => {
    // Computed this morning: the index counts up to yesterday, and the last 90 days end there.
    expect(presetEnd(today, '2026-06-30')).toBe('2026-06-29');
    expect(readPeriod(new URLSearchParams(''), presetEnd(today, '2026-06-30'))).toEqual({ choice: '90', from: '2026-04-01', to: '2026-06-29' });
    expect(presetEnd(today, '2026-06-24')).toBe('2026-06-23');
    // Never computed, or a week and more ago (a schedule turned off): today.
    expect(presetEnd(today, null)).toBe(today);
    expect(presetEnd(today, '2026-06-22')).toBe(today);
  });

  it('ignores malformed, unreal or reversed days', () => {
    for (const query of ['from=2026-02-30&to=2026-03-01', 'from=2026-06-30&to=2026-04-01', 'from=0202-01-01&to=2026-01-01', 'period=7']) {
      expect(readPeriod(new URLSearchParams(query), today).choice, query).toBe('90');
    }
    expect(['2026-06-30', '1900-01-01', '2026-6-30', '0002-06-30'].map(isDay)).toEqual([true, true, false, false]);
  });

  it('counts today in the workspace time zone', () => {
    const lateEvening = Date.parse('2026-06-30T22:30:00Z');
    expect(todayIn('Europe/Moscow', lateEvening)).toBe('2026-07-01');
    expect(todayIn('America/New_York', lateEvening)).toBe('2026-06-30');
  });
});

describe('the period beside the other settings of a screen', () => {
  it('replaces only the period and keeps a screen’s own settings', () => {
    const params = new URLSearchParams('from=2026-04-01&to=2026-06-30&churnDays=45');
    expect(withPeriod(params, { choice: '365', from: 'x', to: 'y' }).toString()).toBe('churnDays=45&period=365');
    expect(withPeriod(params, { choice: '90', from: 'x', to: 'y' }).toString()).toBe('churnDays=45');
  });

  it('carries the period alone to another screen', () => {
    expect(periodQuery(new URLSearchParams('churnDays=45&from=2026-04-01&to=2026-06-30'))).toBe('?from=2026-04-01&to=2026-06-30');
    expect(periodQuery(new URLSearchParams('months=24'))).toBe('');
  });
});
