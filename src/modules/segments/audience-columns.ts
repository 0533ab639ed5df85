import { scoreColumns, statColumns, textColumns } from './rule-sql.js';
import type { Condition, RuleGroup } from './segment-rules.schemas.js';

// What the audience index must hold to answer a rule: one column per field, stat, score, trait,
// identifier kind and consent channel the rule reads. Keys name the columns in the index; SQL
// expressions come from the rule compiler's own tables of columns, never from a client.

/** The table a column is read from (aliases c, s and sc of rule-sql.ts). */
export type ColumnTable = 'customers' | 'stats' | 'scores';

/** A column read from the customer row, its stats or its scores. */
export interface SqlColumn {
  key: string;
  source: 'sql';
  table: ColumnTable;
  kind: 'folded' | 'raw' | 'number';
  /** The column, over the aliases c, s and sc of rule-sql.ts. */
  expression: string;
}

/** A custom trait, read from the customer's traits as its JSON type. */
export interface TraitSpec {
  key: string;
  source: 'trait';
  trait: string;
}

/** Whether the customer has an identifier of a kind, or their consent status on a channel. */
export interface FlagSpec {
  key: string;
  source: 'identifier' | 'consent';
  name: string;
}

/** Any column the index may hold. */
export type ColumnSpec = SqlColumn | TraitSpec | FlagSpec;

/** Most custom traits one rule may read (each is a column of the audience index while the rule is counted). */
export const MAX_RULE_TRAITS = 32;

/** The key of a text field's column (folded). */
export const textKey = (field: string) => `text:${field}`;
/** The key of a number column (stats, scores, the creation time). */
export const numberKey = (name: string) => `num:${name}`;
/** The key of a raw text column (birth date, stored classes). */
export const rawKey = (name: string) => `raw:${name}`;
/** The key of a custom trait's column. */
export const traitKey = (trait: string) => `trait:${trait}`;
/** The key of an identifier kind's column. */
export const identifierKey = (kind: string) => `identifier:${kind}`;
/** The key of a consent channel's column. */
export const consentKey = (channel: string) => `consent:${channel}`;

function sqlColumn(key: string, kind: SqlColumn['kind'], expression: string | undefined): SqlColumn {
  const e = expression ?? 'null';
  return { key, source: 'sql', kind, expression: e, table: e.startsWith('sc.') ? 'scores' : e.startsWith('s.') ? 'stats' : 'customers' };
}

const textColumn = (field: string) => sqlColumn(textKey(field), 'folded', textColumns[field]);
const birthDate = () => sqlColumn(rawKey('birthDate'), 'raw', 'c.birth_date');
const createdAt = () => sqlColumn(numberKey('createdAt'), 'number', 'c.created_at');
const statColumn = (stat: string) => sqlColumn(numberKey(stat), 'number', statColumns[stat]);
const scoreColumn = (score: string) => sqlColumn(numberKey(score), 'number', scoreColumns[score]);
const classColumn = (score: string) => sqlColumn(rawKey(score), 'raw', scoreColumns[score]);

/** Text fields with a value nearly per customer (names, contacts): loaded one by one, when a rule reads them. */
const ownTextFields = new Set(['firstName', 'lastName', 'middleName', 'phone', 'email']);

/**
 * The columns loaded together with one of a table: one scan of the table reads them all, so the
 * first rule over a table pays once and later rules over it are answered at once. Names and
 * contacts (a distinct value per customer) and traits load alone.
 */
export function tableGroup(spec: SqlColumn): SqlColumn[] {
  if (spec.kind === 'folded' && [...ownTextFields].some((f) => textColumns[f] === spec.expression)) return [spec];
  const texts = Object.keys(textColumns).filter((f) => !ownTextFields.has(f)).map(textColumn);
  const all = [
    ...texts, birthDate(), createdAt(), ...Object.keys(statColumns).map(statColumn),
    ...Object.keys(scoreColumns).map((k) => (['rfmSegment', 'stage', 'abc', 'xyz'].includes(k) ? classColumn(k) : scoreColumn(k))),
  ];
  return all.filter((c) => c.table === spec.table);
}

/** The columns one condition reads (none for activity and segment conditions, which are read as sets of ids). */
export function conditionColumns(cond: Condition): ColumnSpec[] {
  switch (cond.kind) {
    case 'text': return [textColumn(cond.field)];
    case 'date': return cond.field === 'birthDate' ? [birthDate()] : [createdAt()];
    case 'trait': return [{ key: traitKey(cond.trait), source: 'trait', trait: cond.trait }];
    case 'stat': return [statColumn(cond.stat === 'daysSinceLastOrder' ? 'lastOrderAt' : cond.stat)];
    case 'statDate': return [statColumn(cond.stat)];
    case 'score': return [scoreColumn(cond.score)];
    case 'class': return [classColumn(cond.score)];
    case 'identifier': return [{ key: identifierKey(cond.identifier), source: 'identifier', name: cond.identifier }];
    case 'consent': return [{ key: consentKey(cond.channel), source: 'consent', name: cond.channel }];
    case 'event': case 'purchase': case 'cartAbandoned': case 'segment': return [];
  }
}

/** Every column a rule reads, each once. */
export function ruleColumns(rule: RuleGroup): ColumnSpec[] {
  const out = new Map<string, ColumnSpec>();
  const visit = (group: RuleGroup) => {
    for (const r of group.rules) {
      if (r.kind === 'group') visit(r);
      else for (const c of conditionColumns(r)) out.set(c.key, c);
    }
  };
  visit(rule);
  return [...out.values()];
}
