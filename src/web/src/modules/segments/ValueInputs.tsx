import { Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField.js';
import type { Operands } from './operands.js';
import type { FieldShape } from './rule-fields.js';
import { ValuesInput } from './ValuesInput.js';

/** Props of ValueInputs. */
export interface ValueInputsProps {
  shape: FieldShape;
  operator: string;
  operands: Operands;
  onChange: (patch: Partial<Operands>) => void;
  /** Typed in major units of `currency`. */
  money: boolean;
  currency: string;
}

/** The operands of a text, number, date or list condition, as its operator needs them. */
export function ValueInputs({ shape, operator, operands: o, onChange, money, currency }: ValueInputsProps) {
  const { t } = useTranslation();
  if (operator === 'set' || operator === 'notSet' || shape === 'boolean' || operator === 'anniversaryThisMonth') return null;
  const unit = money ? <Text size="xs" c="dimmed">{currency}</Text> : null;
  const number = (key: 'value' | 'to' | 'days' | 'from' | 'toAge', label: string) => (
    <TextInput size="sm" w={money ? 120 : 90} inputMode="decimal" aria-label={label} placeholder={label} value={o[key]} rightSection={key === 'value' || key === 'to' ? unit : null}
      onChange={(e) => onChange({ [key]: e.currentTarget.value })} />
  );
  if (operator === 'in' || operator === 'notIn' || operator === 'hasAny' || operator === 'hasNone') {
    return <ValuesInput values={o.values} onChange={(values) => onChange({ values })} label={t('segments.operands.values')} />;
  }
  if (shape === 'text' || shape === 'list') {
    return <TextInput size="sm" style={{ flex: 1 }} miw={120} maw={320} aria-label={t('segments.operands.value')} placeholder={t('segments.operands.value')} value={o.value} onChange={(e) => onChange({ value: e.currentTarget.value })} />;
  }
  if (shape === 'number') {
    return (
      <>
        {number('value', operator === 'between' ? t('segments.operands.from') : t('segments.operands.value'))}
        {operator === 'between' && number('to', t('segments.operands.to'))}
      </>
    );
  }
  // Dates: calendar days, a number of days, or an age range.
  if (operator === 'withinLastDays' || operator === 'moreThanDaysAgo' || operator === 'anniversaryWithinDays') {
    return (
      <>
        {number('days', t('segments.operands.days'))}
        <Text size="sm">{t('segments.operands.days')}</Text>
      </>
    );
  }
  if (operator === 'ageBetween') return <>{number('from', t('segments.operands.ageFrom'))}{number('toAge', t('segments.operands.ageTo'))}</>;
  return (
    <>
      <DateField size="sm" w={150} aria-label={operator === 'between' ? t('segments.operands.from') : t('segments.operands.value')} value={o.value} onChange={(value) => onChange({ value })} />
      {operator === 'between' && <DateField size="sm" w={150} aria-label={t('segments.operands.to')} value={o.to} onChange={(to) => onChange({ to })} />}
    </>
  );
}
