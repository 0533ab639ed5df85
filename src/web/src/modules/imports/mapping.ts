// The column mapping as the API takes it: field -> 0-based column of the file. The screen edits
// it column by column, so a field always fills at most one column.

/** Field -> 0-based column index. */
export type Mapping = Record<string, number>;

/** The field a column fills, or null when the column is skipped. */
export function fieldOfColumn(mapping: Mapping, column: number): string | null {
  for (const [field, at] of Object.entries(mapping)) if (at === column) return field;
  return null;
}

/** The mapping after a column is given a field, or skipped (null); the field leaves any other column. */
export function assignColumn(mapping: Mapping, column: number, field: string | null): Mapping {
  const next: Mapping = {};
  for (const [f, at] of Object.entries(mapping)) if (at !== column && f !== field) next[f] = at;
  if (field !== null) next[field] = column;
  return next;
}

/** Whether two mappings match the same fields to the same columns. */
export function sameMapping(a: Mapping, b: Mapping): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
