// Free-form JSON (event properties, traits, context) is stored as sent and read back by the web
// app, exports and JSON functions of the databases, several of which recurse: SQLite's JSON
// functions stop at 1,000 levels, JSON.stringify and the response serialisers at the stack's
// depth. No real event nests more than a handful of levels, so a small bound is set at the door.

/** Deepest nesting of objects and arrays a free-form JSON value may have; `{"a": {"b": 1}}` nests 2 levels. */
export const MAX_JSON_DEPTH = 32;

/** Whether a parsed JSON value nests objects or arrays more than `max` levels deep; iterative, so no depth overflows the stack. */
export function nestsDeeperThan(value: unknown, max: number = MAX_JSON_DEPTH): boolean {
  const pending: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    if (typeof next.value !== 'object' || next.value === null) continue;
    const depth = next.depth + 1;
    if (depth > max) return true;
    for (const child of Object.values(next.value)) pending.push({ value: child, depth });
  }
  return false;
}
