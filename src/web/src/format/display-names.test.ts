import { describe, expect, it } from 'vitest';
import { countryName, languageName } from './display-names.js';

describe('country and language codes as words', () => {
  it('names countries and languages in the interface language', () => {
    expect(countryName('RU', 'ru')).toBe('Россия');
    expect(countryName('kz', 'ru')).toBe('Казахстан');
    expect(countryName('RU', 'en')).toBe('Russia');
    expect(languageName('ru-RU', 'ru')).toBe('Русский (Россия)');
    expect(languageName('en_US', 'ru')).toBe('Американский английский');
    expect(languageName('ru', 'en')).toBe('Russian');
  });

  it('leaves what is not a code to be shown as it is', () => {
    expect(countryName('Россия', 'ru')).toBeNull();
    expect(countryName('XY', 'ru')).toBeNull();
    expect(languageName('not a language!', 'ru')).toBeNull();
  });
});
