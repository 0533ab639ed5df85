import { fieldSpecs, type ImportField, type ImportKind } from './fields.js';

// Maps the header row of a file to import fields, and checks a mapping (automatic or chosen by the
// manager) before an import starts.
//
// A Mapping is `{ [field]: columnIndex }` with 0-based indexes into the header row and each data
// row, e.g. `{ phone: 0, fullName: 2 }`; unmapped fields are absent. A column is used for at most
// one field by autoMap.

/** Field -> 0-based column index; fields without a column are absent. */
export type Mapping = Partial<Record<ImportField, number>>;

/** Something that stops an import from running with a mapping. */
export interface MappingProblem {
  code: 'missing_field' | 'missing_identifier' | 'unknown_field' | 'bad_column';
  /** The field concerned, when there is one. */
  field?: string;
  /** A sentence for the manager. */
  message: string;
}

const MIN_PREFIX = 4;

/** Normalises a column title for matching: lower case, "ё" as "е", letters and digits only. */
export function normalizeHeader(title: string): string {
  return title.toLowerCase().replace(/ё/g, 'е').replace(/[^\p{L}\p{N}]/gu, '');
}

interface Matcher {
  field: ImportField;
  exact: Set<string>;
  prefixes: string[];
}

const matchers = new Map<ImportKind, Matcher[]>();

function matchersFor(kind: ImportKind): Matcher[] {
  let list = matchers.get(kind);
  if (!list) {
    list = fieldSpecs(kind).map((s) => {
      const exactOnly = new Set((s.exact ?? []).map(normalizeHeader));
      const all = s.names.map(normalizeHeader);
      return {
        field: s.field,
        exact: new Set(all),
        prefixes: all.filter((n) => n.length >= MIN_PREFIX && !exactOnly.has(n)),
      };
    });
    matchers.set(kind, list);
  }
  return list;
}

/**
 * Guesses the mapping from column titles: exact title matches first, then titles that start with a
 * known name (the longest such name wins). The first column wins when several carry one field.
 */
export function autoMap(kind: ImportKind, headers: readonly string[]): Mapping {
  const list = matchersFor(kind);
  const titles = headers.map(normalizeHeader);
  const mapping: Mapping = {};
  const used = new Set<number>();
  const assign = (field: ImportField, column: number): void => {
    mapping[field] = column;
    used.add(column);
  };
  titles.forEach((title, column) => {
    const m = list.find((x) => mapping[x.field] === undefined && x.exact.has(title));
    if (m && title !== '') assign(m.field, column);
  });
  titles.forEach((title, column) => {
    if (used.has(column) || title === '') return;
    let best: { field: ImportField; length: number } | undefined;
    for (const m of list) {
      if (mapping[m.field] !== undefined) continue;
      for (const p of m.prefixes) {
        if (title.startsWith(p) && (!best || p.length > best.length)) best = { field: m.field, length: p.length };
      }
    }
    if (best) assign(best.field, column);
  });
  return mapping;
}

/**
 * Lists what is wrong with a mapping for a file with these headers: unknown fields, columns the
 * file does not have, and missing required fields. Customers need one identifier (phone, email,
 * cardNumber or externalId); orders need orderedAt, total (or both quantity and price, to add up
 * the lines) and one customer identifier. An empty list means the import can run.
 */
export function validateMapping(
  kind: ImportKind,
  mapping: Readonly<Record<string, number | undefined>>,
  headers: readonly string[],
): MappingProblem[] {
  const specs = fieldSpecs(kind);
  const problems: MappingProblem[] = [];
  const name = (field: string): string => {
    const s = specs.find((x) => x.field === field);
    return s ? `${s.label} (${field})` : field;
  };
  const mapped = (field: string): boolean => mapping[field] !== undefined;

  for (const [field, column] of Object.entries(mapping)) {
    if (column === undefined) continue;
    if (!specs.some((s) => s.field === field)) {
      problems.push({ code: 'unknown_field', field, message: `"${field}" is not a field of a ${kind} import.` });
    } else if (!Number.isInteger(column) || column < 0 || column >= headers.length) {
      problems.push({
        code: 'bad_column',
        field,
        message: `${name(field)} is mapped to column ${column + 1}, but the file has ${headers.length} columns.`,
      });
    }
  }
  for (const s of specs) {
    if (!s.required || mapped(s.field)) continue;
    if (s.field === 'total' && mapped('quantity') && mapped('price')) continue;
    const hint = s.field === 'total' ? ' (or map both quantity and unit price)' : '';
    problems.push({
      code: 'missing_field',
      field: s.field,
      message: `${name(s.field)} is not mapped: choose the column that holds it${hint}.`,
    });
  }
  const identifiers = specs.filter((s) => s.identifier);
  if (!identifiers.some((s) => mapped(s.field))) {
    problems.push({
      code: 'missing_identifier',
      message: `No customer identifier is mapped: choose a column for at least one of ${identifiers.map((s) => name(s.field)).join(', ')}.`,
    });
  }
  return problems;
}
