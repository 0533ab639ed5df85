// Numeric columns filled a row at a time from rows read as arrays, in typed arrays that double as
// they fill: far less for the garbage collector than a million row arrays kept until the end.

/** Columns of numbers, one per leading value of the rows added. */
export class GrowingColumns {
  private columns: Float64Array[];
  private size = 0;

  /** `missing[c]` stands for a null (or absent) value of column c; one column per entry. */
  constructor(private readonly missing: readonly number[]) {
    this.columns = missing.map(() => new Float64Array(1024));
  }

  /** Adds a row's first values as numbers. */
  add(row: readonly unknown[]): void {
    if (this.size === this.columns[0].length) {
      this.columns = this.columns.map((c) => {
        const grown = new Float64Array(c.length * 2);
        grown.set(c);
        return grown;
      });
    }
    for (let c = 0; c < this.columns.length; c++) {
      const v = row[c];
      this.columns[c][this.size] = v === null || v === undefined ? this.missing[c] : Number(v);
    }
    this.size++;
  }

  /** The columns, as long as the rows added. */
  build(): Float64Array[] {
    return this.columns.map((c) => c.subarray(0, this.size));
  }
}
