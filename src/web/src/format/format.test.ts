import { describe, expect, it } from 'vitest';
import { createFormatter } from './format.js';

// Intl separates thousands with a no-break space; compared with plain spaces.
const plain = (text: string) => text.replace(/\s/g, ' ');

describe('the formatting of days, months and measures', () => {
  const ru = createFormatter({ locale: 'ru', currency: 'RUB', timezone: 'Europe/Moscow' });
  const en = createFormatter({ locale: 'en', currency: 'RUB', timezone: 'Europe/Moscow' });

  it('writes a calendar day in digits and a month with its year, without time-zone shifts', () => {
    expect(ru.shortDay('2026-04-30')).toBe('30.04.2026');
    expect(en.shortDay('2026-04-30')).toBe('04/30/2026');
    expect(plain(ru.month('2026-03'))).toBe('март 2026 г.');
    expect(en.month('2026-12')).toBe('December 2026');
    expect(ru.month('not a month')).toBe('not a month');
  });

  it('keeps significant digits of small measures and every whole digit of large ones', () => {
    expect(ru.significant(0.000129081)).toBe('0,0001291');
    expect(en.significant(13.5431)).toBe('13.54');
    expect(plain(ru.significant(3_349_351_971.6))).toBe('3 349 351 972');
    expect(en.significant(0.0551, 3)).toBe('0.0551');
  });
});
