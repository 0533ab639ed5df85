import { describe, expect, it } from 'vitest';
import { fileHeader, memberLines, type MemberContacts, normalEmail, phoneDigits, sha256Hex } from './audience-files.js';

const member: MemberContacts = {
  id: 7, lastName: '=Иванова', firstName: 'Анна', middleName: null, phone: '+79995551111', email: ' Mail@Yandex.RU ', city: 'Москва', ordersCount: 3, revenue: 123_45,
};

describe('audience files', () => {
  it('hashes with SHA-256 (FIPS 180-2 test vector)', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('normalises phones to digits with the country code and e-mails to lower case, as Yandex Audience asks', () => {
    expect(phoneDigits('+7 (999) 555-11-11')).toBe('79995551111');
    expect(normalEmail(' Mail@Yandex.RU ')).toBe('mail@yandex.ru');
  });

  it('writes Yandex Audience CRM rows as hashed phone and e-mail under a phone,email header', () => {
    expect(fileHeader('yandex', 'ru')).toBe('phone,email\n');
    expect(memberLines('yandex', member, new Set(), 2)).toEqual([`${sha256Hex('79995551111')},${sha256Hex('mail@yandex.ru')}\n`]);
    expect(memberLines('yandex', { ...member, email: null }, new Set(), 2)).toEqual([`${sha256Hex('79995551111')},\n`]);
    expect(memberLines('yandex', { ...member, email: null, phone: null }, new Set(), 2)).toEqual([]);
  });

  it('writes VK Ads lists one kind per file, each hash once', () => {
    const seen = new Set<string>();
    expect(fileHeader('vk_phone', 'ru')).toBe('id\n');
    expect(memberLines('vk_phone', member, seen, 2)).toEqual([`${sha256Hex('79995551111')}\n`]);
    expect(memberLines('vk_phone', { ...member, id: 8 }, seen, 2)).toEqual([]);
    expect(memberLines('vk_email', member, new Set(), 2)).toEqual([`${sha256Hex('mail@yandex.ru')}\n`]);
  });

  it('writes people for Excel: BOM, semicolons, roubles, and no formula can run', () => {
    expect(fileHeader('csv', 'ru').startsWith('\ufeffID;Фамилия;Имя')).toBe(true);
    expect(memberLines('csv', member, new Set(), 2)).toEqual(["7;'=Иванова;Анна;;'+79995551111; Mail@Yandex.RU ;Москва;3;123.45\r\n"]);
  });
});
