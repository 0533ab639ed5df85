// A workspace's live customers held in memory as columns, for live counts: a rule over profile
// fields, stats and scores is answered by a pass over typed arrays (milliseconds at a million
// customers) instead of a scan that joins three tables row by row. The index is a cache of the
// database, never a source: it is loaded from SQL, kept current from the customer_changes feed
// (audience-cache.ts) and rebuilt whenever it may have missed a change. Columns load when a rule
// first reads them. Saved segments' members are still computed in SQL (segment-evaluator.ts); a
// property test holds both to the same answers.

/** A column read from SQL: text folded for comparison, raw text (days, classes), numbers, or a custom trait's JSON value. */
export type ColumnKind = 'folded' | 'raw' | 'number' | 'json';

/** A value of a custom trait as its JSON type reads: string, number, boolean, array; undefined when missing or of another type (object, null). */
export type TraitValue = string | number | boolean | unknown[] | undefined;

/** Text held once per distinct value: each row keeps the code of its value (−1: null). */
export class DictionaryColumn {
  codes: Int32Array;
  readonly values: string[] = [];
  private readonly lookup = new Map<string, number>();

  constructor(capacity: number, private readonly fold: boolean) {
    this.codes = new Int32Array(capacity).fill(-1);
  }

  /** Sets a row's value (null: missing). */
  set(row: number, value: unknown): void {
    if (value === null || value === undefined) {
      this.codes[row] = -1;
      return;
    }
    const text = this.fold ? String(value).toLowerCase().replace(/ё/g, 'е') : String(value);
    let code = this.lookup.get(text);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(text);
      this.lookup.set(text, code);
    }
    this.codes[row] = code;
  }

  grow(capacity: number): void {
    const grown = new Int32Array(capacity).fill(-1);
    grown.set(this.codes);
    this.codes = grown;
  }
}

/** Numbers, NaN for null. */
export class NumberColumn {
  values: Float64Array;

  constructor(capacity: number) {
    this.values = new Float64Array(capacity).fill(Number.NaN);
  }

  /** Sets a row's value (null: missing). */
  set(row: number, value: unknown): void {
    this.values[row] = value === null || value === undefined ? Number.NaN : Number(value);
  }

  grow(capacity: number): void {
    const grown = new Float64Array(capacity).fill(Number.NaN);
    grown.set(this.values);
    this.values = grown;
  }
}

/** A custom trait's values. */
export class TraitColumn {
  readonly values: TraitValue[];

  constructor(capacity: number) {
    this.values = new Array<TraitValue>(capacity).fill(undefined);
  }

  /** Sets a row's value (already read as its JSON type; anything else is missing). */
  set(row: number, value: unknown): void {
    this.values[row] = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || Array.isArray(value) ? value : undefined;
  }

  grow(capacity: number): void {
    for (let i = this.values.length; i < capacity; i++) this.values.push(undefined);
  }
}

/** Per row, a small code: for an identifier kind 1 when present; for a consent channel 1 granted, 2 revoked, 0 never asked. */
export class FlagColumn {
  values: Uint8Array;

  constructor(capacity: number) {
    this.values = new Uint8Array(capacity);
  }

  grow(capacity: number): void {
    const grown = new Uint8Array(capacity);
    grown.set(this.values);
    this.values = grown;
  }
}

/** Any column the index holds. */
export type Column = DictionaryColumn | NumberColumn | TraitColumn | FlagColumn;

/**
 * The rows: customer ids, whether each is live (not merged, not erased), its revenue, and the
 * columns loaded so far by key (audience-columns.ts names the keys).
 */
export class AudienceIndex {
  ids: Float64Array;
  live: Uint8Array;
  revenue: Float64Array;
  size = 0;
  readonly rowOf = new Map<number, number>();
  readonly columns = new Map<string, Column>();

  constructor(capacity = 1024) {
    this.ids = new Float64Array(capacity);
    this.live = new Uint8Array(capacity);
    this.revenue = new Float64Array(capacity);
  }

  get capacity(): number {
    return this.ids.length;
  }

  /** The row of a customer, added (not yet live) when new. */
  row(id: number): number {
    const known = this.rowOf.get(id);
    if (known !== undefined) return known;
    if (this.size === this.capacity) this.grow(this.capacity * 2);
    const row = this.size++;
    this.ids[row] = id;
    this.rowOf.set(id, row);
    return row;
  }

  /**
   * Adds a column of the kind, empty, sized to the rows. Folded text is folded here unless the
   * engine already folded it (`engineFolds`).
   */
  addColumn(key: string, kind: ColumnKind | 'flag', engineFolds = false): Column {
    const capacity = this.capacity;
    const column = kind === 'folded' ? new DictionaryColumn(capacity, !engineFolds)
      : kind === 'raw' ? new DictionaryColumn(capacity, false)
        : kind === 'number' ? new NumberColumn(capacity)
          : kind === 'json' ? new TraitColumn(capacity)
            : new FlagColumn(capacity);
    this.columns.set(key, column);
    return column;
  }

  private grow(capacity: number): void {
    const ids = new Float64Array(capacity);
    ids.set(this.ids);
    this.ids = ids;
    const live = new Uint8Array(capacity);
    live.set(this.live);
    this.live = live;
    const revenue = new Float64Array(capacity);
    revenue.set(this.revenue);
    this.revenue = revenue;
    for (const column of this.columns.values()) column.grow(capacity);
  }
}
