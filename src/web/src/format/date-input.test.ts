import { describe, expect, it } from 'vitest';
import { dayPattern, dayPlaceholder, readDay, writeDay } from './date-input.js';

describe('dates typed in the interface language', () => {
  const ru = dayPattern('ru');
  const en = dayPattern('en');

  it('writes a day in the language order, whatever the browser speaks', () => {
    expect(ru).toEqual({ order: ['day', 'month', 'year'], separator: '.' });
    expect(writeDay('2026-12-07', ru)).toBe('07.12.2026');
    expect(writeDay('2026-12-07', en)).toBe('12/07/2026');
    expect(dayPlaceholder(ru, { day: 'ДД', month: 'ММ', year: 'ГГГГ' })).toBe('ДД.ММ.ГГГГ');
  });

  it('reads what people type and refuses days that do not exist', () => {
    expect(readDay('07.12.2026', ru)).toBe('2026-12-07');
    expect(readDay(' 7.12.2026 ', ru)).toBe('2026-12-07');
    expect(readDay('07122026', ru)).toBe('2026-12-07');
    expect(readDay('7/12/2026', ru)).toBe('2026-12-07');
    expect(readDay('12/07/2026', en)).toBe('2026-12-07');
    expect(readDay('2026-12-07', ru)).toBe('2026-12-07');
    expect(readDay('', ru)).toBe('');
    expect(readDay('31.02.2026', ru)).toBeNull();
    expect(readDay('12.2026', ru)).toBeNull();
    expect(readDay('07.12.26', ru)).toBeNull();
    expect(readDay('вчера', ru)).toBeNull();
  });
});
