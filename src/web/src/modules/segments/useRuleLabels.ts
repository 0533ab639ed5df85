import { useTranslation } from 'react-i18next';
import { segmentsEn } from '../../i18n/en.segments.js';
import { fieldEntry, type FieldEntry } from './rule-fields.js';

// The words of the builder's pickers. Field keys and operators are data ("text.city", "gte"), so
// their message keys are checked against the English messages before they are asked for.

type Leaves<T> = { [K in keyof T & string]: T[K] extends string ? K : `${K}.${Leaves<T[K]>}` }[keyof T & string];
type FieldKey = `segments.fields.${Leaves<typeof segmentsEn.fields>}`;
type OperatorKey = `segments.operators.${Leaves<typeof segmentsEn.operators>}`;

function hasPath(tree: unknown, path: string): boolean {
  let node: unknown = tree;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, part)) return false;
    node = Object.getOwnPropertyDescriptor(node, part)?.value;
  }
  return typeof node === 'string';
}

const isFieldKey = (key: string): key is FieldKey => hasPath(segmentsEn.fields, key.slice('segments.fields.'.length));
const isOperatorKey = (key: string): key is OperatorKey => hasPath(segmentsEn.operators, key.slice('segments.operators.'.length));

/** The operators' message group of a field ("number" for "stat.revenue"). */
export function operatorGroup(field: string, entry: FieldEntry | undefined): keyof typeof segmentsEn.operators {
  const kind = field.split('.')[0];
  if (kind === 'identifier' || kind === 'consent' || kind === 'class' || kind === 'segment') return kind;
  switch (entry?.shape) {
    case 'number': return 'number';
    case 'birthday': case 'instant': return 'date';
    case 'boolean': return 'boolean';
    case 'list': return 'list';
    case 'event': case 'purchase': return 'frequency';
    case 'cart': return 'cart';
    default: return 'text';
  }
}

/** Words for fields and operators in the interface language (the code itself when a word is missing). */
export function useRuleLabels() {
  const { t } = useTranslation();
  return {
    field: (field: string): string => {
      const key = `segments.fields.${field}`;
      return isFieldKey(key) ? t(key) : field;
    },
    operator: (field: string, op: string): string => {
      const key = `segments.operators.${operatorGroup(field, fieldEntry(field))}.${op}`;
      return isOperatorKey(key) ? t(key) : op;
    },
  };
}
