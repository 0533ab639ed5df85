import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { oneOf, type Operands, type PropertyDraft } from './operands.js';
import { ValuesInput } from './ValuesInput.js';
import { WindowInput } from './WindowInput.js';

const propertyOps: readonly PropertyDraft['op'][] = ['eq', 'neq', 'contains', 'in', 'gt', 'gte', 'lt', 'lte', 'set', 'notSet'];
type WordedOp = Exclude<PropertyDraft['op'], 'gt' | 'gte' | 'lt' | 'lte'>;
const symbols: Record<Exclude<PropertyDraft['op'], WordedOp>, string> = { gt: '>', gte: '≥', lt: '<', lte: '≤' };
const isSymbol = (op: PropertyDraft['op']): op is keyof typeof symbols => Object.hasOwn(symbols, op);

/** An event condition's operands: its name, how many times, when, and conditions on its properties. */
export function EventOperands({ type, operands: o, onChange }: { type: string; operands: Operands; onChange: (patch: Partial<Operands>) => void }) {
  const { t } = useTranslation();
  const opLabel = (op: PropertyDraft['op']) => (isSymbol(op) ? symbols[op] : t(`segments.operators.text.${op}`));
  const setWhere = (i: number, patch: Partial<PropertyDraft>) => onChange({ where: o.where.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  const nameLabel = type === 'track' ? t('segments.operands.eventName') : t('segments.operands.eventNameOptional');
  return (
    <Stack gap={4}>
      <Group gap={6} wrap="wrap">
        <TextInput size="sm" w={type === 'track' ? 180 : 260} aria-label={nameLabel} placeholder={nameLabel} value={o.name} onChange={(e) => onChange({ name: e.currentTarget.value })} />
        <TextInput size="sm" w={60} inputMode="numeric" aria-label={t('segments.operands.times')} value={o.count} onChange={(e) => onChange({ count: e.currentTarget.value })} />
        <Text size="sm">{t('segments.operands.times')}</Text>
        <WindowInput value={o.window} onChange={(window) => onChange({ window })} />
        <Button size="compact-xs" variant="subtle" onClick={() => onChange({ where: [...o.where, { path: '', op: 'eq', value: '', values: [] }] })}>
          {t('segments.operands.addProperty')}
        </Button>
      </Group>
      {o.where.map((p, i) => (
        <Group key={i} gap={6} wrap="wrap" pl="md">
          <Text size="sm" c="dimmed">{t('segments.operands.where')}</Text>
          <TextInput size="sm" w={160} aria-label={t('segments.operands.propertyPath')} placeholder={t('segments.operands.propertyPath')} value={p.path} onChange={(e) => setWhere(i, { path: e.currentTarget.value })} />
          <Select size="sm" w={130} aria-label={t('segments.builder.operatorPlaceholder')} data={propertyOps.map((op) => ({ value: op, label: opLabel(op) }))} value={p.op} allowDeselect={false}
            onChange={(op) => op && oneOf(propertyOps, op) && setWhere(i, { op })} comboboxProps={{ withinPortal: false }} />
          {p.op === 'in' ? (
            <ValuesInput values={p.values} onChange={(values) => setWhere(i, { values })} label={t('segments.operands.values')} />
          ) : p.op !== 'set' && p.op !== 'notSet' ? (
            <TextInput size="sm" w={160} aria-label={t('segments.operands.value')} placeholder={t('segments.operands.value')} value={p.value} onChange={(e) => setWhere(i, { value: e.currentTarget.value })} />
          ) : null}
          <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('segments.operands.removeProperty')} onClick={() => onChange({ where: o.where.filter((_, j) => j !== i) })}>
            ×
          </ActionIcon>
        </Group>
      ))}
    </Stack>
  );
}
