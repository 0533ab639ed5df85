import { type RawBuilder, sql } from 'kysely';
import type { Capabilities } from './capabilities.js';

// Reading inside JSON columns (traits, event properties and context) in SQL that runs on both
// engines. JSON is jsonb on PostgreSQL and text on SQLite, and the two name their functions and
// types differently; these helpers hide that. A value of the wrong JSON type reads as null (never
// an error), so a trait holding "abc" compared as a number simply does not match.

/** The JSON kinds a condition can ask a value to be. */
export type JsonKind = 'string' | 'number' | 'boolean' | 'array';

/** Readers of one value inside a JSON column, at a path of keys. */
export interface JsonValue {
  /** The value as text when it is a JSON string, else null. */
  text: RawBuilder<string | null>;
  /** The value as a number when it is a JSON number, else null. */
  number: RawBuilder<number | null>;
  /** True when the value is of the kind (false when missing). */
  is(kind: JsonKind): RawBuilder<boolean>;
  /** True when the value is the JSON boolean `value`. */
  isBoolean(value: boolean): RawBuilder<boolean>;
  /** True when the value is an array with an element (as text) for which `test` holds; `test` reads the element as `v`. */
  anyElement(test: (element: RawBuilder<string>) => RawBuilder<boolean>): RawBuilder<boolean>;
}

/** A reader of `column` at `path` for the engine. */
export function jsonValue(caps: Capabilities, column: RawBuilder<unknown>, path: readonly string[]): JsonValue {
  return caps.name === 'postgres' ? postgresValue(column, path) : sqliteValue(column, path);
}

function sqliteValue(column: RawBuilder<unknown>, path: readonly string[]): JsonValue {
  // A path of quoted keys, so a key with dots or spaces is one key: $."a b"."c".
  const p = `$${path.map((key) => `."${key.replace(/["\\]/g, '')}"`).join('')}`;
  const type = sql<string | null>`json_type(${column}, ${p})`;
  const kinds: Record<JsonKind, string[]> = { string: ['text'], number: ['integer', 'real'], boolean: ['true', 'false'], array: ['array'] };
  return {
    text: sql<string | null>`(case when ${type} = 'text' then json_extract(${column}, ${p}) end)`,
    number: sql<number | null>`(case when ${type} in ('integer', 'real') then json_extract(${column}, ${p}) end)`,
    is: (kind) => sql<boolean>`coalesce(${type} in (${sql.join(kinds[kind])}), false)`,
    isBoolean: (value) => sql<boolean>`coalesce(${type} = ${value ? 'true' : 'false'}, false)`,
    anyElement: (test) =>
      sql<boolean>`(case when ${type} = 'array' then exists (select 1 from json_each(${column}, ${p}) j where j.type = 'text' and ${test(sql<string>`j.value`)}) else false end)`,
  };
}

function postgresValue(column: RawBuilder<unknown>, path: readonly string[]): JsonValue {
  const node = sql`(${column} #> ${[...path]}::text[])`;
  const type = sql<string | null>`jsonb_typeof(${node})`;
  return {
    text: sql<string | null>`(case when ${type} = 'string' then ${column} #>> ${[...path]}::text[] end)`,
    number: sql<number | null>`(case when ${type} = 'number' then (${column} #>> ${[...path]}::text[])::float8 end)`,
    is: (kind) => sql<boolean>`coalesce(${type} = ${kind}, false)`,
    isBoolean: (value) => sql<boolean>`coalesce(${node} = ${value ? 'true' : 'false'}::jsonb, false)`,
    anyElement: (test) =>
      sql<boolean>`(case when ${type} = 'array' then exists (select 1 from jsonb_array_elements(${node}) j(e) where jsonb_typeof(j.e) = 'string' and ${test(sql<string>`(j.e #>> '{}')`)}) else false end)`,
  };
}
