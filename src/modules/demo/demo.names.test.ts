import { describe, expect, it } from 'vitest';
import { emailFor, randomName, transliterate } from './demo.names.js';
import { Rng } from './demo.random.js';

describe('transliterate', () => {
  it('spells Russian names the way people type them in e-mail addresses', () => {
    expect(transliterate('Щербакова')).toBe('shcherbakova');
    expect(transliterate('Артём')).toBe('artem');
    expect(transliterate('Наталья')).toBe('natalya');
    expect(transliterate('Юлия Жукова')).toBe('yuliyazhukova');
    expect(transliterate('Хабибуллин')).toBe('khabibullin');
    expect(transliterate('Платья и юбки')).toBe('platyaiyubki');
  });
});

describe('randomName', () => {
  it('draws first, last and middle names in the same gender', () => {
    const rng = new Rng(11);
    const first = { male: new Set<string>(), female: new Set<string>() };
    for (let i = 0; i < 5000; i++) {
      const gender = i % 2 === 0 ? 'male' : 'female';
      const name = randomName(rng, gender);
      first[gender].add(name.firstName);
      expect(/[ая]$/.test(name.lastName)).toBe(gender === 'female');
      expect(name.middleName.endsWith(gender === 'male' ? 'ич' : 'на')).toBe(true);
    }
    expect([...first.male].filter((n) => first.female.has(n))).toEqual([]);
    // Common names dominate: Александр is among the most frequent male names.
    expect(first.male.has('Александр')).toBe(true);
    expect(first.female.size).toBeGreaterThan(30);
  });
});

describe('emailFor', () => {
  it('builds a lower-case address from the name and the number', () => {
    const email = emailFor(new Rng(3), 'Анна', 'Иванова', 57);
    const [local, domain] = email.split('@');
    expect(local).toMatch(/^[a-z._]+57$/);
    // Every pattern keeps at least one of the two names whole.
    expect(local.includes('anna') || local.includes('ivanova')).toBe(true);
    expect(['mail.ru', 'yandex.ru', 'ya.ru', 'gmail.com', 'bk.ru', 'inbox.ru', 'list.ru', 'rambler.ru']).toContain(domain);
  });

  it('gives different addresses for different numbers even with the same name', () => {
    const emails = new Set<string>();
    const rng = new Rng(4);
    for (let n = 1; n <= 2000; n++) emails.add(emailFor(rng, 'Анна', 'Иванова', n).split('@')[0]);
    expect(emails.size).toBe(2000);
  });
});
