// What the condition editors need besides their own operands, handed down through the query
// builder's context.

/** The builder's context: the workspace currency, the refusals by condition path, the segments to refer to. */
export interface BuilderContext {
  currency: string;
  /** Refusals of the API by builder path ("1.0": the first rule of the second group). */
  errors: Record<string, string[]>;
  /** Segments a condition may name (the edited segment itself left out). */
  segments: { id: string; name: string }[];
}

/** Reads the builder's context (the query builder hands it on untyped). */
export function readContext(value: unknown): BuilderContext {
  const empty: BuilderContext = { currency: 'RUB', errors: {}, segments: [] };
  if (typeof value !== 'object' || value === null) return empty;
  const currency = 'currency' in value && typeof value.currency === 'string' ? value.currency : empty.currency;
  const errors: Record<string, string[]> = {};
  if ('errors' in value && typeof value.errors === 'object' && value.errors !== null) {
    for (const [k, v] of Object.entries(value.errors)) if (Array.isArray(v)) errors[k] = v.filter((s): s is string => typeof s === 'string');
  }
  const segments = 'segments' in value && Array.isArray(value.segments)
    ? value.segments.flatMap((s: unknown) => (typeof s === 'object' && s !== null && 'id' in s && 'name' in s && typeof s.id === 'string' && typeof s.name === 'string' ? [{ id: s.id, name: s.name }] : []))
    : [];
  return { currency, errors, segments };
}
