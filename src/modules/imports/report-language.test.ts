import { describe, expect, it } from 'vitest';
import { ru } from '../../web/src/i18n/ru.js';
import { pickReportLanguage, wordReason } from './report-language.js';

describe('report language', () => {
  it('is the explicit choice, then the saved language, then Accept-Language, then English', () => {
    expect(pickReportLanguage({ explicit: 'en', saved: 'ru', acceptLanguage: 'ru' })).toBe('en');
    expect(pickReportLanguage({ saved: 'ru', acceptLanguage: 'en-US' })).toBe('ru');
    expect(pickReportLanguage({ explicit: 'de', saved: 'xx', acceptLanguage: 'ru-RU,ru;q=0.9' })).toBe('ru');
    expect(pickReportLanguage({ acceptLanguage: 'de-DE,de;q=0.9,en;q=0.4,ru;q=0.8' })).toBe('ru');
    expect(pickReportLanguage({ acceptLanguage: 'ru;q=0,en;q=0.1' })).toBe('en');
    expect(pickReportLanguage({ acceptLanguage: 'de, fr' })).toBe('en');
    expect(pickReportLanguage({})).toBe('en');
  });

  it('words a reason in Russian as the web app does', () => {
    expect(wordReason({ reason: 'x', code: 'not_a_number', params: { value: 'abc' } }, 'ru')).toBe(ru.apiReasons.not_a_number.replace('{{value}}', 'abc'));
  });

  it('fills the values into the wording and keeps reasons without a code as they are', () => {
    expect(wordReason({ reason: 'x', code: 'date_year_range', params: { value: '01.01.1800', min: 1900, max: 2100 } }, 'ru')).toBe(
      'год должен быть от 1900 до 2100, указано «01.01.1800»',
    );
    expect(wordReason({ reason: 'not a number: "x"', code: 'not_a_number', params: { value: 'x' } }, 'en')).toBe('not a number: "x"');
    expect(wordReason({ reason: 'something new', code: 'unknown_code', params: null }, 'ru')).toBe('something new');
    expect(wordReason({ reason: 'plain', code: null }, 'ru')).toBe('plain');
  });
});
