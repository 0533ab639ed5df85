import { createHash } from 'node:crypto';
import { type CleanProfile, cleanProfile, type ProfileInput } from '../customers/profile-input.js';
import { identifierKinds } from '../../common/identifiers.js';
import { fractionDigits, isCurrencyCode } from '../../common/money.js';
import { MAX_ITEM_QUANTITY, MAX_ORDER_AMOUNT } from '../orders/order-bounds.js';
import type { OrderInput, OrderItemInput } from '../orders/orders.service.js';
import { rawCsvLine } from '../../platform/csv/csv-writer.js';
import { type Reason, reason } from '../../platform/reasons.js';
import {
  type ImportField, type ImportKind, type Mapping, type ParseResult, parseAmount, parseBirthDate, parseBool, parseDate,
  parseGender, parseQuantity, splitFullName,
} from './csv/index.js';

// Turns CSV rows into what the customers and orders services take, without touching the database.
// The rule (docs/imports.md): an empty cell means "not given"; any mapped cell that holds a value
// we cannot read rejects its row, with every problem of the row listed by column. A customer row
// also needs one readable identifier (phone, e-mail, card or customer id).

/** What a row is read with: the job's mapping and header, and the workspace's settings. */
export interface RowContext {
  kind: ImportKind;
  mapping: Mapping;
  headers: readonly string[];
  timezone: string;
  currency: string;
  phoneRegion: string;
}

/** One problem of one row: the column's title (null for the row as a whole) and why. */
export interface CellProblem {
  rowNumber: number;
  column: string | null;
  reason: string;
  /** The reason's code and values, for clients that word it themselves (platform/reasons.ts). */
  code?: Reason['code'];
  params?: Reason['params'];
}

/** A customer row read into a clean profile, or its problems. */
export type CustomerRowResult = { ok: true; profile: CleanProfile } | { ok: false; problems: CellProblem[] };

/** The rows of one order read into its customer and the order, or their problems. */
export type OrderResult = { ok: true; profile: CleanProfile; order: OrderInput } | { ok: false; problems: CellProblem[] };

/** A data row of the file. */
export interface Line {
  rowNumber: number;
  fields: string[];
}

class RowReader {
  readonly problems: CellProblem[] = [];

  constructor(
    readonly ctx: RowContext,
    readonly line: Line,
  ) {}

  cell(field: ImportField): string {
    const column = this.ctx.mapping[field];
    return column === undefined ? '' : (this.line.fields[column] ?? '').trim();
  }

  column(field: ImportField): string | null {
    const column = this.ctx.mapping[field];
    return column === undefined ? null : (this.ctx.headers[column] || `column ${column + 1}`);
  }

  problem(field: ImportField | null, why: { reason: string; code?: Reason['code']; params?: Reason['params'] }): void {
    this.problems.push({ rowNumber: this.line.rowNumber, column: field ? this.column(field) : null, reason: why.reason, code: why.code, params: why.params });
  }

  /** Reads a non-empty cell with a parser; undefined when the cell is empty or unreadable (then a problem is noted). */
  read<T>(field: ImportField, parse: (text: string) => ParseResult<T>): T | undefined {
    const text = this.cell(field);
    if (text === '') return undefined;
    const result = parse(text);
    if (result.ok) return result.value;
    this.problem(field, result);
    return undefined;
  }
}

const nameFields = ['firstName', 'lastName', 'middleName'] as const;

// The person a row names. Profile paths are remembered with the field they came from, so the
// problems cleanProfile reports ("identifiers.1.value", "birthDate") point at the file's columns.
function personOf(r: RowReader, withProfileFields: boolean): { ok: true; profile: CleanProfile } | { ok: false } {
  const source = new Map<string, ImportField>();
  const fields: NonNullable<ProfileInput['fields']> = {};
  const identifiers: { kind: string; value: string }[] = [];
  const set = (name: keyof typeof fields, value: string | undefined, from: ImportField): void => {
    if (value === undefined || value === '') return;
    fields[name] = value;
    source.set(name, from);
  };
  set('phone', r.cell('phone'), 'phone');
  set('email', r.cell('email'), 'email');
  for (const [field, kind] of [['cardNumber', 'card'], ['externalId', 'external_id']] as const) {
    const value = r.cell(field);
    if (value === '') continue;
    source.set(`identifiers.${identifiers.length}.value`, field);
    identifiers.push({ kind, value });
  }
  const split = splitFullName(r.cell('fullName'));
  for (const name of nameFields) {
    const own = r.cell(name);
    if (own !== '') set(name, own, name);
    else set(name, split[name], 'fullName');
  }
  set('city', r.cell('city'), 'city');
  set('country', r.cell('country'), 'country');
  const input: ProfileInput = { fields, identifiers };
  if (withProfileFields) {
    set('region', r.cell('region'), 'region');
    set('source', r.cell('source'), 'source');
    set('birthDate', r.read('birthDate', parseBirthDate), 'birthDate');
    set('gender', r.read('gender', parseGender), 'gender');
    const consent: NonNullable<ProfileInput['consent']> = {};
    const email = r.read('consentEmail', parseBool);
    const sms = r.read('consentSms', parseBool);
    if (email !== undefined) consent.email = { granted: email, source: 'import' };
    if (sms !== undefined) consent.sms = { granted: sms, source: 'import' };
    input.consent = consent;
    // There is no column for a registration date; it is kept as a trait so segments can use it.
    const registered = r.read('createdAt', (text) => parseDate(text, r.ctx.timezone));
    if (registered !== undefined) input.traits = { registeredAt: new Date(registered).toISOString() };
  }
  const clean = cleanProfile(input, r.ctx.phoneRegion);
  if ('problems' in clean) {
    for (const p of clean.problems) r.problem(source.get(p.field) ?? null, p);
    return { ok: false };
  }
  if (clean.identifiers.length === 0) {
    r.problem(null, reason('no_customer_identifier', {}));
    return { ok: false };
  }
  return { ok: true, profile: clean };
}

/** Reads one row of a customer import. */
export function customerFromRow(line: Line, ctx: RowContext): CustomerRowResult {
  const r = new RowReader(ctx, line);
  const person = personOf(r, true);
  return person.ok && r.problems.length === 0 ? { ok: true, profile: person.profile } : { ok: false, problems: r.problems };
}

/** The order number of an order-import row, or null when the row has none (it is then an order of its own). */
export function orderKey(line: Line, ctx: RowContext): string | null {
  const column = ctx.mapping.orderId;
  const value = column === undefined ? '' : (line.fields[column] ?? '').trim();
  return value === '' ? null : value;
}

const cancelled = /^(отмен|cancel)/;
const refunded = /^(возврат|вернул|refund|return)/;

/** Reads an order status: cancellations and refunds are recognised, anything else is a completed order. */
export function parseStatus(text: string): 'completed' | 'cancelled' | 'refunded' {
  const key = text.trim().toLowerCase().replace(/ё/g, 'е');
  if (cancelled.test(key)) return 'cancelled';
  if (refunded.test(key)) return 'refunded';
  return 'completed';
}

const online = new Set(['online', 'онлайн', 'интернет', 'интернет-магазин', 'сайт', 'web', 'site', 'ecommerce', 'e-commerce', 'internet']);
const offline = new Set(['offline', 'офлайн', 'оффлайн', 'розница', 'магазин', 'store', 'pos', 'retail']);

function parseChannel(text: string): ParseResult<'online' | 'offline'> {
  const key = text.trim().toLowerCase();
  if (online.has(key)) return { ok: true, value: 'online' };
  if (offline.has(key)) return { ok: true, value: 'offline' };
  return { ok: false, ...reason('sales_channel', { value: text.trim() }) };
}

function parseCurrency(text: string): ParseResult<string> {
  return isCurrencyCode(text) ? { ok: true, value: text.trim().toUpperCase() } : { ok: false, ...reason('currency_value', { value: text.trim() }) };
}

const itemFields = ['sku', 'productName', 'quantity', 'price'] as const;

/**
 * Reads the rows of one order (one row, or consecutive rows sharing an order number, each an
 * order line). Order-level cells come from the first row; the total is the total column when
 * mapped, else the sum of price × quantity. An order without a number gets a stable id from its
 * customer, time and total, so importing the file again finds it.
 */
export function orderFromLines(lines: readonly Line[], ctx: RowContext): OrderResult {
  const head = new RowReader(ctx, lines[0] as Line);
  const person = personOf(head, false);
  const orderedAt = head.read('orderedAt', (text) => parseDate(text, ctx.timezone));
  if (head.cell('orderedAt') === '') head.problem('orderedAt', reason('order_date_required', {}));
  const currency = head.read('currency', parseCurrency) ?? ctx.currency;
  const digits = fractionDigits(currency);
  const money = (text: string) => parseAmount(text, digits);
  const discount = head.read('discount', money);
  const status = parseStatus(head.cell('status'));
  const channel = head.read('channel', parseChannel);
  const storeId = head.cell('storeId') || null;
  const totalMapped = ctx.mapping.total !== undefined;
  let total = totalMapped ? head.read('total', money) : 0;
  if (totalMapped && head.cell('total') === '') head.problem('total', reason('order_total_required', {}));

  const readers = lines.map((line, index) => (index === 0 ? head : new RowReader(ctx, line)));
  const items: OrderItemInput[] = [];
  for (const r of readers) {
    if (!itemFields.some((f) => r.cell(f) !== '')) continue;
    const quantity = r.read('quantity', parseQuantity) ?? 1;
    const price = r.read('price', money);
    if (price === undefined && r.cell('price') === '' && !totalMapped) r.problem('price', reason('price_required', {}));
    // Each line within the orders' bound, so that the orders service takes what a row reader accepted.
    if (Math.abs(quantity) > MAX_ITEM_QUANTITY || (price !== undefined && Math.abs(price * quantity) > MAX_ORDER_AMOUNT)) {
      r.problem('quantity', reason('amount_too_large', { value: r.cell('quantity') }));
    }
    items.push({ sku: r.cell('sku') || null, name: r.cell('productName') || null, price: price ?? 0, quantity });
  }
  if (!totalMapped) {
    total = items.reduce((sum, i) => sum + Math.round(i.price * i.quantity), 0);
    if (items.length === 0) head.problem(null, reason('no_order_lines', {}));
    if (Math.abs(total) > MAX_ORDER_AMOUNT) head.problem(null, reason('amount_too_large', { value: String(total / 10 ** digits) }));
  }
  if (total !== undefined && total < 0) {
    head.problem(totalMapped ? 'total' : null, reason('negative_order_total', {}));
  }
  const problems = readers.flatMap((r) => r.problems);
  if (problems.length > 0 || !person.ok || orderedAt === undefined || total === undefined) return { ok: false, problems };
  const key = orderKey(lines[0] as Line, ctx);
  return {
    ok: true,
    profile: person.profile,
    order: {
      externalId: key ?? generatedOrderId(person.profile, orderedAt, total),
      orderedAt,
      total,
      discount: discount ?? 0,
      currency,
      storeId,
      channel: channel ?? (storeId ? 'offline' : 'online'),
      items,
      status,
    },
  };
}

/** The id of an order without a number: "import:" and the SHA-1 of its strongest identifier, time and total. */
export function generatedOrderId(profile: CleanProfile, orderedAt: number, total: number): string {
  const strongest = [...profile.identifiers].sort((a, b) => identifierKinds.indexOf(a.kind) - identifierKinds.indexOf(b.kind))[0];
  const key = `${strongest?.kind}:${strongest?.value}|${orderedAt}|${total}`;
  return `import:${createHash('sha1').update(key).digest('hex')}`;
}

/** A row problem as the error report keeps it: with the row as it was in the file. */
export interface RowError extends CellProblem {
  raw: string | null;
}

const MAX_RAW_CHARS = 10_000;

/**
 * The report entries of rejected rows. Every row is listed: with its own problems, or, for the
 * other rows of a rejected order, with a pointer to the rows that sank it.
 */
export function rowErrors(lines: readonly Line[], problems: readonly CellProblem[], delimiter: string): RowError[] {
  const out: RowError[] = [];
  const bad = [...new Set(problems.map((p) => p.rowNumber))].join(', ');
  for (const line of lines) {
    const raw = rawCsvLine(line.fields, delimiter).slice(0, MAX_RAW_CHARS);
    const own = problems.filter((p) => p.rowNumber === line.rowNumber);
    for (const p of own) out.push({ ...p, raw });
    if (own.length === 0) out.push({ rowNumber: line.rowNumber, column: null, ...reason('order_rows_failed', { rows: bad }), raw });
  }
  return out;
}
