import { Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ValueEditorProps } from 'react-querybuilder';
import { readContext } from './builder-context.js';
import { ClassValues } from './ClassValues.js';
import { EventOperands } from './EventOperands.js';
import { type Operands, readOperands } from './operands.js';
import { PurchaseOperands } from './PurchaseOperands.js';
import { fieldEntry } from './rule-fields.js';
import { ValueInputs } from './ValueInputs.js';
import { WindowInput } from './WindowInput.js';

/** The operands of one condition, by the kind of its field, with the API's refusals of it underneath. */
export function ConditionOperands({ field, operator, value, handleOnChange, path, context, className }: ValueEditorProps) {
  const { t } = useTranslation();
  const ctx = readContext(context);
  const o = readOperands(value);
  const set = (patch: Partial<Operands>) => handleOnChange({ ...o, ...patch });
  const entry = fieldEntry(field);
  const errors = ctx.errors[path.join('.')] ?? [];
  const kind = field.split('.')[0];
  // Behaviours, and ranges of days or money, need more than the row leaves beside the pickers.
  const wide = entry?.shape === 'event' || entry?.shape === 'purchase' || entry?.shape === 'cart' || operator === 'between';
  let inputs = null;
  switch (entry?.shape) {
    case 'event': inputs = <EventOperands type={field.slice('event.'.length)} operands={o} onChange={set} />; break;
    case 'purchase': inputs = <PurchaseOperands operands={o} onChange={set} currency={ctx.currency} />; break;
    case 'cart':
      inputs = (
        <Group gap={6} wrap="wrap">
          <TextInput size="sm" w={70} inputMode="numeric" aria-label={t('segments.operands.hours')} value={o.hours} onChange={(e) => set({ hours: e.currentTarget.value })} />
          <Text size="sm">{t('segments.operands.hours')}</Text>
          <WindowInput value={o.window} onChange={(window) => set({ window })} />
        </Group>
      );
      break;
    case 'segment':
      inputs = (
        <Select size="sm" w="100%" maw={320} aria-label={t('segments.operands.segment')} placeholder={t('segments.operands.segment')} data={ctx.segments.map((s) => ({ value: s.id, label: s.name }))}
          value={o.segmentId || null} onChange={(v) => set({ segmentId: v ?? '' })} searchable comboboxProps={{ withinPortal: false }} />
      );
      break;
    case 'class': inputs = <ClassValues score={field.slice('class.'.length)} values={o.values} onChange={(values) => set({ values })} />; break;
    case 'none': case undefined: break;
    default: {
      if (!entry) break;
      const { shape, money } = entry;
      inputs = (
        <Group gap={6} wrap="wrap">
          {kind === 'trait' && (
            <TextInput size="sm" w={150} aria-label={t('segments.operands.trait')} placeholder={t('segments.operands.trait')} value={o.trait} onChange={(e) => set({ trait: e.currentTarget.value })} />
          )}
          <ValueInputs shape={shape} operator={operator} operands={o} onChange={set} money={money} currency={ctx.currency} />
        </Group>
      );
    }
  }
  return (
    // The operands take the row's remaining width, so a pair of inputs stays side by side; a
    // behaviour's take a line of their own (rule-builder.css).
    <Stack gap={2} className={`${className ?? ''}${wide ? ' segment-operands-wide' : ''}`} style={wide ? undefined : { flex: 1, minWidth: 0 }}>
      {inputs}
      {errors.map((e) => (
        <Text key={e} size="xs" c="red" role="alert">
          {e}
        </Text>
      ))}
    </Stack>
  );
}
