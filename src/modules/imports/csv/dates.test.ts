import { describe, expect, it } from 'vitest';
import { parseBirthDate, parseDate } from './dates.js';

const MSK = 'Europe/Moscow';

describe('parseDate', () => {
  it('reads a Russian date as midnight in Moscow (UTC+3)', () => {
    expect(parseDate('01.02.2024', MSK)).toEqual({ ok: true, value: Date.UTC(2024, 0, 31, 21) });
    expect(parseDate(' 1.2.2024 ', MSK)).toEqual({ ok: true, value: Date.UTC(2024, 0, 31, 21) });
  });

  it('reads a Russian date with a time', () => {
    expect(parseDate('01.02.2024 09:05', MSK)).toEqual({ ok: true, value: Date.UTC(2024, 1, 1, 6, 5) });
    expect(parseDate('01.02.2024 9:59:30', MSK)).toEqual({ ok: true, value: Date.UTC(2024, 1, 1, 6, 59, 30) });
  });

  it('reads ISO dates, local unless an offset is written', () => {
    expect(parseDate('2024-02-01', MSK)).toEqual({ ok: true, value: Date.UTC(2024, 0, 31, 21) });
    expect(parseDate('2024-02-01 09:05', MSK)).toEqual({ ok: true, value: Date.UTC(2024, 1, 1, 6, 5) });
    expect(parseDate('2024-02-01T09:05:30.250Z', MSK)).toEqual({ ok: true, value: Date.UTC(2024, 1, 1, 9, 5, 30, 250) });
    expect(parseDate('2024-02-01T09:05:30+05:00', MSK)).toEqual({ ok: true, value: Date.UTC(2024, 1, 1, 4, 5, 30) });
    expect(parseDate('2024-02-01T09:05-0130', MSK)).toEqual({ ok: true, value: Date.UTC(2024, 1, 1, 10, 35) });
  });

  it('follows daylight saving time and history of the zone', () => {
    expect(parseDate('15.01.2024', 'Europe/Berlin')).toEqual({ ok: true, value: Date.UTC(2024, 0, 14, 23) });
    expect(parseDate('01.07.2024', 'Europe/Berlin')).toEqual({ ok: true, value: Date.UTC(2024, 5, 30, 22) });
    // Moscow kept summer time (UTC+4) until 2010.
    expect(parseDate('01.07.2010 12:00', MSK)).toEqual({ ok: true, value: Date.UTC(2010, 6, 1, 8) });
  });

  it('rejects impossible days and times', () => {
    expect(parseDate('31.02.2024', MSK)).toMatchObject({ ok: false, reason: 'not a date: no such day, got "31.02.2024"' });
    expect(parseDate('29.02.2023', MSK).ok).toBe(false);
    expect(parseDate('29.02.2024', MSK)).toEqual({ ok: true, value: Date.UTC(2024, 1, 28, 21) });
    expect(parseDate('2024-13-01', MSK).ok).toBe(false);
    expect(parseDate('01.02.2024 24:00', MSK)).toMatchObject({ ok: false, reason: 'not a time: expected HH:MM or HH:MM:SS, got "01.02.2024 24:00"' });
  });

  it('rejects ambiguous and foreign formats', () => {
    expect(parseDate('01/02/2024', MSK)).toMatchObject({ ok: false, reason: 'not a date: expected DD.MM.YYYY or YYYY-MM-DD, got "01/02/2024"' });
    expect(parseDate('01.02.24', MSK).ok).toBe(false);
    expect(parseDate('вчера', MSK).ok).toBe(false);
  });

  it('rejects the 1C empty date and blanks', () => {
    expect(parseDate('01.01.0001 0:00:00', MSK)).toMatchObject({ ok: false, reason: 'not a date: year must be 1900–2100, got "01.01.0001 0:00:00"' });
    expect(parseDate('  ', MSK)).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('throws on an unknown time zone', () => {
    expect(() => parseDate('01.02.2024', 'Mars/Olympus')).toThrow(RangeError);
  });
});

describe('parseBirthDate', () => {
  it('reads Russian and ISO dates into YYYY-MM-DD', () => {
    expect(parseBirthDate('05.03.1990')).toEqual({ ok: true, value: '1990-03-05' });
    expect(parseBirthDate('1990-03-05')).toEqual({ ok: true, value: '1990-03-05' });
    expect(parseBirthDate('5.3.1990 0:00:00')).toEqual({ ok: true, value: '1990-03-05' });
  });

  it('rejects impossible dates', () => {
    expect(parseBirthDate('30.02.1990').ok).toBe(false);
    expect(parseBirthDate('01.01.0001').ok).toBe(false);
    expect(parseBirthDate('').ok).toBe(false);
  });
});
