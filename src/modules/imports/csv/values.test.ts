import { describe, expect, it } from 'vitest';
import { parseAmount, parseBool, parseGender, parseQuantity, splitFullName } from './values.js';

describe('parseAmount', () => {
  it.each([
    ['1 234,50', 123450],
    ['1\u00a0234,50', 123450],
    ['1\u2009234,50 ₽', 123450],
    ['1\u202f234,50 руб.', 123450],
    ['1234.50', 123450],
    ['1234.5', 123450],
    ['1,234.50', 123450],
    ['1.234,50', 123450],
    ['1 234 567,89', 123456789],
    ['1,234,567', 123456700],
    ['12,5', 1250],
    ['₽ 99', 9900],
    ['$1,234.56', 123456],
    ['-100,00', -10000],
    ['−5', -500],
    ['0', 0],
    ['0,125', 13],
    ['1234,564', 123456],
    ['1 234', 123400],
    ['1 500 рублей', 150000],
  ])('reads %j as %i minor units', (text, value) => {
    expect(parseAmount(text)).toEqual({ ok: true, value });
  });

  it('uses the currency precision', () => {
    expect(parseAmount('1 234', 0)).toEqual({ ok: true, value: 1234 });
    expect(parseAmount('1,5', 3)).toEqual({ ok: true, value: 1500 });
  });

  it.each(['abc', '1.2.3', '12,34,5', '1,2.3.4', '', '-', '1 234,50 шт', '(100)'])('rejects %j', (text) => {
    expect(parseAmount(text).ok).toBe(false);
  });

  it('refuses "1,234" which is 1234 in English files and 1.234 in Russian ones', () => {
    expect(parseAmount('1,234')).toMatchObject({ ok: false, reason: 'ambiguous number "1,234": "," may separate thousands or decimals' });
  });

  it('says why', () => {
    expect(parseAmount('abc')).toMatchObject({ ok: false, reason: 'not a number: "abc"' });
    expect(parseAmount(' ')).toMatchObject({ ok: false, reason: 'empty' });
  });
});

describe('parseQuantity', () => {
  it('reads whole, fractional, grouped and counted quantities', () => {
    expect(parseQuantity('2')).toEqual({ ok: true, value: 2 });
    expect(parseQuantity('1,5')).toEqual({ ok: true, value: 1.5 });
    expect(parseQuantity('1 000')).toEqual({ ok: true, value: 1000 });
    expect(parseQuantity('3 шт.')).toEqual({ ok: true, value: 3 });
    expect(parseQuantity('-1')).toEqual({ ok: true, value: -1 });
  });

  it('rejects text', () => {
    expect(parseQuantity('много').ok).toBe(false);
  });
});

describe('parseGender', () => {
  it.each(['Ж', 'жен', 'жен.', 'Женский', 'F', 'female'])('reads %j as female', (text) => {
    expect(parseGender(text)).toEqual({ ok: true, value: 'female' });
  });
  // "M" is tried in both Latin and Cyrillic spelling.
  it.each(['М', 'M', 'муж', 'Мужской', 'male'])('reads %j as male', (text) => {
    expect(parseGender(text)).toEqual({ ok: true, value: 'male' });
  });
  it('rejects anything else', () => {
    expect(parseGender('не указан')).toMatchObject({ ok: false, reason: 'not a gender: expected Ж/М or F/M, got "не указан"' });
  });
});

describe('parseBool', () => {
  it.each(['да', 'Да', 'yes', 'Y', '1', 'true', 'TRUE', '+', 'Истина'])('reads %j as yes', (text) => {
    expect(parseBool(text)).toEqual({ ok: true, value: true });
  });
  it.each(['нет', 'No', '0', 'false', '-', 'Ложь'])('reads %j as no', (text) => {
    expect(parseBool(text)).toEqual({ ok: true, value: false });
  });
  it('rejects anything else', () => {
    expect(parseBool('возможно').ok).toBe(false);
    expect(parseBool('')).toMatchObject({ ok: false, reason: 'empty' });
  });
});

describe('splitFullName', () => {
  it('reads Russian order', () => {
    expect(splitFullName('Иванов Иван Иванович')).toEqual({ lastName: 'Иванов', firstName: 'Иван', middleName: 'Иванович' });
    expect(splitFullName('  Петрова   Анна ')).toEqual({ lastName: 'Петрова', firstName: 'Анна' });
    expect(splitFullName('Анна')).toEqual({ firstName: 'Анна' });
    expect(splitFullName('')).toEqual({});
  });

  it('recognises a patronymic after the first name', () => {
    expect(splitFullName('Иван Петрович')).toEqual({ firstName: 'Иван', middleName: 'Петрович' });
    expect(splitFullName('Анна Сергеевна Петрова')).toEqual({ firstName: 'Анна', middleName: 'Сергеевна', lastName: 'Петрова' });
  });

  it('keeps multi-word patronymics together', () => {
    expect(splitFullName('Мамедов Рашид Али оглы')).toEqual({ lastName: 'Мамедов', firstName: 'Рашид', middleName: 'Али оглы' });
  });

  it('reads Latin names in Western order unless a patronymic ends them', () => {
    expect(splitFullName('John Smith')).toEqual({ firstName: 'John', lastName: 'Smith' });
    expect(splitFullName('John Paul Smith')).toEqual({ firstName: 'John', middleName: 'Paul', lastName: 'Smith' });
    expect(splitFullName('Ivanov Ivan Ivanovich')).toEqual({ lastName: 'Ivanov', firstName: 'Ivan', middleName: 'Ivanovich' });
  });
});
