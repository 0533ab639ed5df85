import 'react-querybuilder/dist/query-builder.css';
import './rule-builder.css';
import { QueryBuilderMantine } from '@react-querybuilder/mantine';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type Field, type OptionGroup, QueryBuilder, type RuleGroupType } from 'react-querybuilder';
import { BuilderAction } from './BuilderAction.js';
import { BuilderSelector } from './BuilderSelector.js';
import { ConditionOperands } from './ConditionOperands.js';
import { emptyOperands } from './operands.js';
import { fieldEntries, fieldEntry, type FieldEntry } from './rule-fields.js';
import type { BuilderContext } from './builder-context.js';
import { useRuleLabels } from './useRuleLabels.js';

/** Props of RuleBuilder. */
export interface RuleBuilderProps {
  query: RuleGroupType;
  onChange: (query: RuleGroupType) => void;
  context: BuilderContext;
}

const groupOrder: FieldEntry['group'][] = ['profile', 'stats', 'dates', 'scores', 'behaviour', 'identifiers', 'consent', 'traits', 'segments'];

/**
 * The rule editor: react-querybuilder with its Mantine controls for the groups (all / any, "not",
 * nested to any depth) and the field and operator pickers; the operands of each kind of condition
 * are ConditionOperands.
 */
export function RuleBuilder({ query, onChange, context }: RuleBuilderProps) {
  const { t } = useTranslation();
  const labels = useRuleLabels();
  const fields = useMemo<OptionGroup<Field>[]>(
    () => groupOrder.map((group) => ({
      label: t(`segments.groups.${group}`),
      options: fieldEntries.filter((f) => f.group === group).map((f) => ({ name: f.name, value: f.name, label: labels.field(f.name) })),
    })),
    [t], // eslint-disable-line react-hooks/exhaustive-deps -- the labels follow the language, as t does
  );
  const translations = useMemo(() => ({
    fields: { title: t('segments.builder.fieldPlaceholder') },
    operators: { title: t('segments.builder.operatorPlaceholder') },
    combinators: { title: t('segments.builder.rule') },
    addRule: { label: t('segments.builder.addCondition'), title: t('segments.builder.addCondition') },
    addGroup: { label: t('segments.builder.addGroup'), title: t('segments.builder.addGroup') },
    removeRule: { label: '×', title: t('segments.builder.remove') },
    removeGroup: { label: '×', title: t('segments.builder.remove') },
    notToggle: { label: t('segments.builder.not'), title: t('segments.builder.not') },
  }), [t]);
  const combinators = useMemo(() => [
    { name: 'and', value: 'and', label: t('segments.builder.and') },
    { name: 'or', value: 'or', label: t('segments.builder.or') },
  ], [t]);
  return (
    <div className="segment-rules">
    <QueryBuilderMantine>
      <QueryBuilder
        fields={fields}
        query={query}
        onQueryChange={onChange}
        combinators={combinators}
        getOperators={(field) => (fieldEntry(field)?.operators ?? []).map((op) => ({ name: op, value: op, label: labels.operator(field, op) }))}
        getDefaultValue={() => emptyOperands()}
        controlElements={{ valueEditor: ConditionOperands, actionElement: BuilderAction, fieldSelector: BuilderSelector, operatorSelector: BuilderSelector, combinatorSelector: BuilderSelector }}
        translations={translations}
        context={context}
        showNotToggle
        resetOnOperatorChange={false}
      />
    </QueryBuilderMantine>
    </div>
  );
}
