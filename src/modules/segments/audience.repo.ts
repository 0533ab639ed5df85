import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import type { Database } from '../../platform/db/schema.js';
import type { ColumnTable, FlagSpec, SqlColumn, TraitSpec } from './audience-columns.js';
import type { TraitValue } from './audience-index.js';
import { from, memberColumns, type MemberRow } from './segment-query.repo.js';

// The SQL behind the audience index: customers' columns read in id order (a chunk at a time) or
// for a few changed customers, identifier kinds and consents, the ids an activity condition or a
// segment selects, and the rows of a preview's sample.

/** A customer's row as the index reads it: id, revenue, then one value per column asked. */
export interface CustomerColumns {
  id: number;
  revenue: number;
  values: unknown[];
}

/** Columns read from SQL, in order. */
export type ReadColumn = SqlColumn | TraitSpec;

/** Reads what the audience index holds. */
export class AudienceRepo {
  private readonly db: Kysely<Database>;

  constructor(private readonly database: Db) {
    this.db = database.kysely;
  }

  private selectList(columns: readonly ReadColumn[]): RawBuilder<unknown> {
    const parts: RawBuilder<unknown>[] = [sql`c.id`, sql`s.revenue`];
    for (const column of columns) {
      if (column.source === 'sql') parts.push(this.columnSql(column));
      else parts.push(...this.traitParts(column.trait));
    }
    return sql.join(parts);
  }

  // Text compared folded is folded by the engine's own kl_fold on PostgreSQL, whose lower() depends
  // on the database's collation, so that a preview folds exactly as the rule's SQL does; SQLite's
  // kl_fold is the JavaScript foldText, which the index applies itself (audience-index.ts).
  private columnSql(column: SqlColumn): RawBuilder<unknown> {
    const e = sql.raw(column.expression);
    return column.kind === 'folded' && this.database.caps.name === 'postgres' ? sql`kl_fold(${e})` : e;
  }

  /** Whether the engine folds text columns as it reads them (the index must not fold them again). */
  foldsText(): boolean {
    return this.database.caps.name === 'postgres';
  }

  // A trait's JSON type and its value as text (two columns), as json-sql.ts reads them.
  private traitParts(trait: string): RawBuilder<unknown>[] {
    if (this.database.caps.name === 'postgres') {
      return [sql`jsonb_typeof(c.traits #> ${[trait]}::text[])`, sql`(c.traits #>> ${[trait]}::text[])`];
    }
    const path = `$."${trait.replace(/["\\]/g, '')}"`;
    return [sql`json_type(c.traits, ${path})`, sql`json_extract(c.traits, ${path})`];
  }

  private read(columns: readonly ReadColumn[], rows: unknown[][]): CustomerColumns[] {
    const postgres = this.database.caps.name === 'postgres';
    return rows.map((r) => {
      const values: unknown[] = [];
      let i = 2;
      for (const column of columns) {
        if (column.source === 'sql') values.push(r[i++]);
        else {
          values.push(traitValue(postgres, r[i], r[i + 1]));
          i += 2;
        }
      }
      return { id: Number(r[0]), revenue: Number(r[1] ?? 0), values };
    });
  }

  /** Live customers after `afterId`, in id order, at most `limit`, with the columns. */
  async chunk(workspaceId: string, columns: readonly ReadColumn[], afterId: number, limit: number): Promise<CustomerColumns[]> {
    const query = sql`select ${this.selectList(columns)} from ${from(workspaceId)} and c.id > ${afterId} order by c.id limit ${limit}`.compile(this.db);
    return this.read(columns, await this.database.arrays(query));
  }

  /**
   * Rows of one table after `afterId` in id order, at most `limit`, with its columns (traits are on
   * customers): every row of the workspace, live or not; the index keeps the values of its own rows.
   */
  async tableChunk(workspaceId: string, table: ColumnTable, columns: readonly ReadColumn[], afterId: number, limit: number): Promise<CustomerColumns[]> {
    const parts: RawBuilder<unknown>[] = [];
    for (const column of columns) {
      if (column.source === 'sql') parts.push(this.columnSql(column));
      else parts.push(...this.traitParts(column.trait));
    }
    const list = sql.join(parts);
    // The revenue column's place is kept (null) so that rows read the same way as `chunk`'s.
    const query = table === 'customers'
      ? sql`select c.id, null, ${list} from customers c where c.workspace_id = ${workspaceId} and c.id > ${afterId} order by c.id limit ${limit}`
      : table === 'stats'
        ? sql`select s.customer_id, null, ${list} from customer_stats s where s.workspace_id = ${workspaceId} and s.customer_id > ${afterId} order by s.customer_id limit ${limit}`
        : sql`select sc.customer_id, null, ${list} from customer_scores sc where sc.workspace_id = ${workspaceId} and sc.customer_id > ${afterId} order by sc.customer_id limit ${limit}`;
    return this.read(columns, await this.database.arrays(query.compile(this.db)));
  }

  /** The live customers among `ids`, with the columns (a customer not returned is no longer live). */
  async among(workspaceId: string, columns: readonly ReadColumn[], ids: readonly number[]): Promise<CustomerColumns[]> {
    if (ids.length === 0) return [];
    const query = sql`select ${this.selectList(columns)} from ${from(workspaceId)} and c.id in (${sql.join([...ids])})`.compile(this.db);
    return this.read(columns, await this.database.arrays(query));
  }

  /**
   * An identifier kind (code 1: has one) or consent channel (1 granted, 2 revoked) per customer,
   * of the whole workspace or only among `ids`.
   */
  async flags(workspaceId: string, spec: FlagSpec, ids?: readonly number[]): Promise<[number, number][]> {
    const only = ids ? sql`and customer_id in (${sql.join([...ids])})` : sql``;
    const query = spec.source === 'identifier'
      ? sql`select distinct customer_id, 1 from customer_identifiers where workspace_id = ${workspaceId} and kind = ${spec.name} ${only}`
      : sql`select customer_id, case status when 'granted' then 1 when 'revoked' then 2 else 3 end from customer_consents
          where workspace_id = ${workspaceId} and channel = ${spec.name} ${only}`;
    const rows = await this.database.arrays(query.compile(this.db));
    return rows.map((r) => [Number(r[0]), Number(r[1])]);
  }

  /** The customer ids a query of one column selects. */
  async ids(query: RawBuilder<unknown>): Promise<number[]> {
    const rows = await this.database.arrays(query.compile(this.db));
    return rows.map((r) => Number(r[0]));
  }

  /** A segment's (or static list's) members. */
  async segmentMembers(workspaceId: string, segmentId: string): Promise<number[]> {
    return this.ids(sql`select customer_id from segment_members where workspace_id = ${workspaceId} and segment_id = ${segmentId}`);
  }

  /** Member rows of these customers, the newest first. */
  async members(workspaceId: string, ids: readonly number[]): Promise<MemberRow[]> {
    if (ids.length === 0) return [];
    const result = await sql<MemberRow>`select ${memberColumns} from ${from(workspaceId)} and c.id in (${sql.join([...ids])}) order by c.id desc`.execute(this.db);
    return result.rows;
  }
}

// A trait's value as its JSON type: what json-sql.ts's readers would see (other types: undefined).
function traitValue(postgres: boolean, type: unknown, value: unknown): TraitValue {
  if (type === null || type === undefined || value === null || value === undefined) return undefined;
  switch (type) {
    case 'text': case 'string': return String(value);
    case 'integer': case 'real': case 'number': return Number(value);
    case 'true': return true;
    case 'false': return false;
    case 'boolean': return postgres ? value === 'true' : undefined;
    case 'array': {
      const parsed: unknown = JSON.parse(String(value));
      return Array.isArray(parsed) ? parsed : undefined;
    }
    default: return undefined;
  }
}
