import { scoreColumns, statColumns, textColumns } from './rule-sql.js';
import type { Condition, RuleGroup } from './segment-rules.schemas.js';

// What the audience index must hold to answer a rule: one column per field, stat, score, trait,
// identifier kind and consent channel the rule reads. Keys name the columns in the index; SQL
// expressions come from the rule compiler's own tables of columns, never from a client.

/** A column read from the customer row, its stats or its scores. */
export interface SqlColumn {
  key: string;
  source: 'sql';
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

/** The columns one condition reads (none for activity and segment conditions, which are read as sets of ids). */
export function conditionColumns(cond: Condition): ColumnSpec[] {
  switch (cond.kind) {
    case 'text': return [{ key: textKey(cond.field), source: 'sql', kind: 'folded', expression: textColumns[cond.field] ?? 'null' }];
    case 'date': return cond.field === 'birthDate'
      ? [{ key: rawKey('birthDate'), source: 'sql', kind: 'raw', expression: 'c.birth_date' }]
      : [{ key: numberKey('createdAt'), source: 'sql', kind: 'number', expression: 'c.created_at' }];
    case 'trait': return [{ key: traitKey(cond.trait), source: 'trait', trait: cond.trait }];
    case 'stat': {
      const stat = cond.stat === 'daysSinceLastOrder' ? 'lastOrderAt' : cond.stat;
      return [{ key: numberKey(stat), source: 'sql', kind: 'number', expression: statColumns[stat] ?? 'null' }];
    }
    case 'statDate': return [{ key: numberKey(cond.stat), source: 'sql', kind: 'number', expression: statColumns[cond.stat] ?? 'null' }];
    case 'score': return [{ key: numberKey(cond.score), source: 'sql', kind: 'number', expression: scoreColumns[cond.score] ?? 'null' }];
    case 'class': return [{ key: rawKey(cond.score), source: 'sql', kind: 'raw', expression: scoreColumns[cond.score] ?? 'null' }];
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
