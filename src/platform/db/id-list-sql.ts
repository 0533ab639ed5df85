import { type RawBuilder, sql } from 'kysely';
import type { Capabilities } from './capabilities.js';

// "column is one of these ids" as ONE bound parameter, so the SQL text does not depend on how many
// ids there are: a statement run again and again for different customers (the segment evaluator's,
// every pass) is prepared once and kept by SQLite's statement cache, and PostgreSQL plans the same
// text. SQLite reads a JSON array through json_each (the planner looks each id up by key, checked
// with EXPLAIN QUERY PLAN); PostgreSQL binds an array.

/** True when `column` is one of `ids` (integers). */
export function inIds(caps: Capabilities, column: RawBuilder<unknown>, ids: readonly number[]): RawBuilder<boolean> {
  if (caps.arrayParameters) return sql<boolean>`${column} = any(${[...ids]}::bigint[])`;
  return sql<boolean>`${column} in (select value from json_each(${JSON.stringify(ids)}))`;
}
