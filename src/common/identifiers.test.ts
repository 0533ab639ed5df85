import { describe, expect, it } from 'vitest';
import { normalizeCard, normalizeEmail, normalizeIdentifier, normalizePhone } from './identifiers.js';

describe('normalizePhone', () => {
  it.each([
    '8 (912) 345-67-89',
    '+7 912 345 67 89',
    '79123456789',
    '89123456789',
    '9123456789',
    '+7(912)345-67-89',
    ' 8-912-345-67-89 ',
  ])('reads %s as +79123456789 in region RU', (raw) => {
    expect(normalizePhone(raw, 'RU')).toEqual({ ok: true, value: '+79123456789' });
  });

  it('reads a Moscow landline', () => {
    expect(normalizePhone('8 (495) 123-45-67', 'RU')).toEqual({ ok: true, value: '+74951234567' });
  });

  it('keeps a foreign number written with +', () => {
    expect(normalizePhone('+49 30 901820', 'RU')).toEqual({ ok: true, value: '+4930901820' });
  });

  it('reads national formats of another region', () => {
    expect(normalizePhone('(0)30 901820', 'DE')).toEqual({ ok: true, value: '+4930901820' });
  });

  it.each(['12345', 'abc', '+7 912 345', '8 (000) 000-00-00', ''])('rejects %s', (raw) => {
    const result = normalizePhone(raw, 'RU');
    expect(result.ok).toBe(false);
  });
});

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Ivan.Petrov@Mail.RU ')).toEqual({ ok: true, value: 'ivan.petrov@mail.ru' });
  });
  it.each(['ivan', 'ivan@', '@mail.ru', 'ivan petrov@mail.ru'])('rejects %s', (raw) => {
    expect(normalizeEmail(raw).ok).toBe(false);
  });
});

describe('normalizeCard', () => {
  it('drops spaces and dashes', () => {
    expect(normalizeCard('4600 1234-5678 9')).toEqual({ ok: true, value: '4600123456789' });
  });
  it('rejects punctuation', () => {
    expect(normalizeCard('12/34').ok).toBe(false);
  });
});

describe('normalizeIdentifier', () => {
  it('dispatches by kind', () => {
    expect(normalizeIdentifier('external_id', ' 42 ', 'RU')).toEqual({ ok: true, value: '42' });
    expect(normalizeIdentifier('phone', '8 912 345 67 89', 'RU')).toEqual({ ok: true, value: '+79123456789' });
  });
});
