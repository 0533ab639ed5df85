import { describe, expect, it } from 'vitest';
import { targetFields } from './fields.js';
import { autoMap, normalizeHeader, validateMapping } from './headers.js';

describe('normalizeHeader', () => {
  it('drops case, spaces and punctuation and reads ё as е', () => {
    expect(normalizeHeader(' Ёмкость, E-mail № 2! ')).toBe('емкостьemail2');
  });
});

describe('autoMap', () => {
  it('maps the UCI Online Retail header', () => {
    const headers = 'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country'.split(',');
    expect(autoMap('orders', headers)).toEqual({
      orderId: 0, sku: 1, productName: 2, quantity: 3, orderedAt: 4, price: 5, externalId: 6, country: 7,
    });
  });

  it('maps a 1C counterparty export', () => {
    const headers = ['Код', 'Наименование', 'Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Пол', 'Телефон', 'Электронная почта', 'Номер карты', 'Город'];
    expect(autoMap('customers', headers)).toEqual({
      externalId: 0, fullName: 1, lastName: 2, firstName: 3, middleName: 4, birthDate: 5, gender: 6, phone: 7,
      email: 8, cardNumber: 9, city: 10,
    });
  });

  it('maps a Russian Excel order list with decorated titles', () => {
    const headers = ['№ заказа', 'Дата заказа', 'Клиент', 'Телефон клиента', 'E-mail', 'Сумма, руб.', 'Скидка', 'Магазин', 'Статус'];
    expect(autoMap('orders', headers)).toEqual({
      orderId: 0, orderedAt: 1, fullName: 2, phone: 3, email: 4, total: 5, discount: 6, storeId: 7, status: 8,
    });
  });

  it('maps an English customer export with consent columns', () => {
    const headers = ['First Name', 'Last Name', 'Email', 'Accepts Email Marketing', 'Default Address City', 'Phone', 'Accepts SMS Marketing', 'Total Spent'];
    expect(autoMap('customers', headers)).toEqual({ firstName: 0, lastName: 1, email: 2, consentEmail: 3, phone: 5, consentSms: 6 });
  });

  it('matches titles that start with a known name, the longest name winning', () => {
    const headers = ['ФИО', 'Дата рождения (ДД.ММ.ГГГГ)', 'Моб. телефон', 'Эл. почта', 'Карта лояльности', 'Согласие на SMS-рассылку'];
    expect(autoMap('customers', headers)).toEqual({ fullName: 0, birthDate: 1, phone: 2, email: 3, cardNumber: 4, consentSms: 5 });
  });

  it('does not read "Полное имя" as gender ("Пол") or "Номер строки" as an order number', () => {
    expect(autoMap('customers', ['Полное имя', 'E-mail'])).toEqual({ fullName: 0, email: 1 });
    expect(autoMap('orders', ['Номер строки', 'Номер заказа', 'Дата'])).toEqual({ orderId: 1, orderedAt: 2 });
  });

  it('reads "Name" alone as a full name and "Наименование" of orders as a product', () => {
    expect(autoMap('customers', ['Name', 'Phone'])).toEqual({ fullName: 0, phone: 1 });
    expect(autoMap('orders', ['Наименование', 'Кол-во', 'Цена', 'Итого'])).toEqual({ productName: 0, quantity: 1, price: 2, total: 3 });
  });

  it('gives a field to the first of two matching columns', () => {
    expect(autoMap('customers', ['Мобильный', 'Телефон', 'Почта'])).toEqual({ phone: 0, email: 2 });
  });

  it('leaves unknown and empty titles unmapped', () => {
    expect(autoMap('customers', ['', 'Комментарий', 'Телефон'])).toEqual({ phone: 2 });
  });
});

describe('targetFields', () => {
  it('requires nothing single for customers but offers four identifiers', () => {
    const fields = targetFields('customers');
    expect(fields.filter((f) => f.required)).toEqual([]);
    expect(fields.filter((f) => f.identifier).map((f) => f.field)).toEqual(['phone', 'email', 'cardNumber', 'externalId']);
    expect(fields).toHaveLength(17);
  });

  it('requires order date and total for orders', () => {
    const fields = targetFields('orders');
    expect(fields.filter((f) => f.required).map((f) => f.field)).toEqual(['orderedAt', 'total']);
    expect(fields.find((f) => f.field === 'orderId')?.required).toBe(false);
  });
});

describe('validateMapping', () => {
  const headers = ['Имя', 'Телефон', 'Дата', 'Сумма', 'Количество', 'Цена'];

  it('accepts a complete mapping', () => {
    expect(validateMapping('customers', { firstName: 0, phone: 1 }, headers)).toEqual([]);
    expect(validateMapping('orders', { phone: 1, orderedAt: 2, total: 3 }, headers)).toEqual([]);
  });

  it('asks customers for an identifier', () => {
    const problems = validateMapping('customers', { firstName: 0 }, headers);
    expect(problems).toHaveLength(1);
    expect(problems[0].code).toBe('missing_identifier');
    expect(problems[0].message).toContain('Phone (phone)');
    expect(problems[0].message).toContain('Customer ID in your system (externalId)');
  });

  it('names each missing order field', () => {
    const problems = validateMapping('orders', { firstName: 0 }, headers);
    expect(problems.map((p) => [p.code, p.field])).toEqual([
      ['missing_field', 'orderedAt'],
      ['missing_field', 'total'],
      ['missing_identifier', undefined],
    ]);
    expect(problems[0].message).toBe('Order date (orderedAt) is not mapped: choose the column that holds it.');
  });

  it('lets quantity and price stand in for an order total', () => {
    expect(validateMapping('orders', { phone: 1, orderedAt: 2, quantity: 4, price: 5 }, headers)).toEqual([]);
    expect(validateMapping('orders', { phone: 1, orderedAt: 2, quantity: 4 }, headers).map((p) => p.field)).toEqual(['total']);
  });

  it('reports unknown fields and columns the file does not have', () => {
    const problems = validateMapping('customers', { phone: 6, shoeSize: 0, email: -1 }, headers);
    expect(problems.map((p) => [p.code, p.field])).toEqual([
      ['bad_column', 'phone'],
      ['unknown_field', 'shoeSize'],
      ['bad_column', 'email'],
    ]);
    expect(problems[0].message).toBe('Phone (phone) is mapped to column 7, but the file has 6 columns.');
  });

  it('does not accept an order-only field in a customer import', () => {
    expect(validateMapping('customers', { phone: 1, total: 3 }, headers).map((p) => p.code)).toEqual(['unknown_field']);
  });
});
