import { describe, expect, it } from 'vitest';
import { autoMap } from './csv/index.js';
import { customerFromRow, orderFromLines, parseStatus, type RowContext, rowErrors } from './import-row.js';

function context(kind: 'customers' | 'orders', headers: string[], overrides: Partial<RowContext> = {}): RowContext {
  return { kind, headers, mapping: autoMap(kind, headers), timezone: 'Europe/Moscow', currency: 'RUB', phoneRegion: 'RU', ...overrides };
}

const line = (rowNumber: number, text: string) => ({ rowNumber, fields: text.split(';') });

describe('customer rows', () => {
  const ctx = context('customers', ['ФИО', 'Телефон', 'Пол', 'Дата рождения', 'Согласие на SMS', 'Город', 'Дата регистрации']);

  it('splits the full name, reads gender, birth date and consent, and keeps the phone as an identifier', () => {
    const result = customerFromRow(line(2, 'Иванова Мария Петровна;8 912 345-67-89;Ж;01.02.1990 0:00:00;да;Пермь;15.06.2023'), ctx);
    expect(result).toEqual({
      ok: true,
      profile: {
        identifiers: [{ kind: 'phone', value: '+79123456789' }],
        fields: { phone: '+79123456789', lastName: 'Иванова', firstName: 'Мария', middleName: 'Петровна', city: 'Пермь', birthDate: '1990-02-01', gender: 'female' },
        traits: { registeredAt: '2023-06-14T21:00:00.000Z' },
        consent: [{ channel: 'sms', status: 'granted', source: 'import', at: null }],
      },
    });
  });

  it('accepts empty optional cells', () => {
    const result = customerFromRow(line(3, ';+79123456789;;;;;'), ctx);
    expect(result.ok && result.profile.fields).toEqual({ phone: '+79123456789' });
  });

  it('rejects a row with every unreadable value listed by column title', () => {
    const result = customerFromRow(line(4, 'Петров Пётр;12345;X;31.02.1990;может быть;Омск;'), ctx);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems.map((p) => [p.rowNumber, p.column])).toEqual([
      [4, 'Дата рождения'], [4, 'Пол'], [4, 'Согласие на SMS'], [4, 'Телефон'],
    ]);
  });

  it('rejects a row without any identifier', () => {
    const result = customerFromRow(line(5, 'Петров Пётр;;М;;;Омск;'), ctx);
    expect(!result.ok && result.problems).toEqual([expect.objectContaining({ rowNumber: 5, column: null, reason: expect.stringMatching(/identifier/) })]);
  });

  it('prefers mapped first and last names over the split full name', () => {
    const named = context('customers', ['Имя', 'ФИО', 'Email']);
    const result = customerFromRow(line(2, 'Маша;Иванова Мария Петровна;m@example.com'), named);
    expect(result.ok && result.profile.fields).toMatchObject({ firstName: 'Маша', lastName: 'Иванова', middleName: 'Петровна' });
  });
});

describe('order rows', () => {
  const lines = context('orders', ['Номер заказа', 'Дата', 'Телефон', 'Артикул', 'Кол-во', 'Цена', 'Статус']);

  it('adds up order lines into the total and recognises statuses', () => {
    const result = orderFromLines([line(2, 'З-1;01.03.2024 10:30;+79123456789;A1;2;199,90;Отменён'), line(3, 'З-1;01.03.2024 10:30;+79123456789;B2;1,5 кг;100;Отменён')], lines);
    expect(result.ok && result.order).toEqual({
      externalId: 'З-1', orderedAt: Date.parse('2024-03-01T07:30:00Z'), total: 2 * 199_90 + 150_00, discount: 0, currency: 'RUB',
      storeId: null, channel: 'online', status: 'cancelled',
      items: [{ sku: 'A1', name: null, price: 199_90, quantity: 2 }, { sku: 'B2', name: null, price: 100_00, quantity: 1.5 }],
    });
  });

  it('gives an order without a number the same id every time, from customer, time and total', () => {
    const row = line(2, ';01.03.2024;8 912 345 67 89;A1;1;500;');
    const a = orderFromLines([row], lines);
    const b = orderFromLines([{ ...row, rowNumber: 9 }], lines);
    const other = orderFromLines([line(2, ';01.03.2024;8 912 345 67 89;A1;1;501;')], lines);
    expect(a.ok && a.order.externalId).toMatch(/^import:[0-9a-f]{40}$/);
    expect(a.ok && a.order.externalId).toBe(b.ok && b.order.externalId);
    expect(a.ok && a.order.externalId).not.toBe(other.ok && other.order.externalId);
  });

  it('rejects the whole order when one of its lines is bad, and a negative total', () => {
    const bad = orderFromLines([line(2, 'З-2;01.03.2024;+79123456789;A1;2;10'), line(3, 'З-2;01.03.2024;+79123456789;A2;много;10')], lines);
    expect(!bad.ok && bad.problems).toEqual([expect.objectContaining({ rowNumber: 3, column: 'Кол-во' })]);
    const negative = orderFromLines([line(2, 'C-3;01.03.2024;+79123456789;A1;-2;10')], lines);
    expect(!negative.ok && negative.problems).toEqual([expect.objectContaining({ rowNumber: 2, column: null, reason: expect.stringMatching(/negative/) })]);
  });

  it('reads amounts with the digits of the currency', () => {
    const totals = context('orders', ['Order', 'Date', 'Email', 'Total', 'Currency'], { currency: 'RUB' });
    const yen = orderFromLines([{ rowNumber: 2, fields: ['1', '2024-03-01', 'a@example.com', '1 234', 'jpy'] }], totals);
    expect(yen.ok && [yen.order.total, yen.order.currency]).toEqual([1234, 'JPY']);
    const missing = orderFromLines([{ rowNumber: 2, fields: ['1', '', 'a@example.com', '', 'RUB'] }], totals);
    expect(!missing.ok && missing.problems.map((p) => p.column)).toEqual(['Date', 'Total']);
  });

  it('maps statuses by their first word', () => {
    expect(['отменен', 'Отменён клиентом', 'CANCELED', 'Возврат', 'refunded', 'Доставлен', ''].map(parseStatus)).toEqual([
      'cancelled', 'cancelled', 'cancelled', 'refunded', 'refunded', 'completed', 'completed',
    ]);
  });
});

describe('rowErrors', () => {
  it('keep the row as it stood in the file, quoted where needed and never escaped', () => {
    const [entry] = rowErrors([{ rowNumber: 3, fields: ['=1+1', 'b;c', 'say "hi"', 'x\ny', 'd,e'] }], [{ rowNumber: 3, column: 'A', reason: 'bad' }], ';');
    expect(entry?.raw).toBe('=1+1;"b;c";"say ""hi""";"x\ny";d,e');
  });
});
