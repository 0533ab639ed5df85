import { Group, Select, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField.js';
import type { WindowDraft } from './operands.js';

/** When a behaviour counts: ever, in the last N days, or between two calendar days. */
export function WindowInput({ value, onChange }: { value: WindowDraft; onChange: (value: WindowDraft) => void }) {
  const { t } = useTranslation();
  const kinds = (['lastDays', 'between', 'ever'] as const).map((k) => ({ value: k, label: t(`segments.operands.window.${k}`) }));
  return (
    <Group gap={6} wrap="wrap">
      <Select
        size="sm" w={150} aria-label={t('segments.operands.window.lastDays')} data={kinds} value={value.kind} allowDeselect={false}
        onChange={(k) => k && onChange({ ...value, kind: k === 'ever' || k === 'between' ? k : 'lastDays' })} comboboxProps={{ withinPortal: false }}
      />
      {value.kind === 'lastDays' && (
        <>
          <TextInput size="sm" w={70} inputMode="numeric" aria-label={t('segments.operands.days')} value={value.days} onChange={(e) => onChange({ ...value, days: e.currentTarget.value })} />
          <Text size="sm">{t('segments.operands.days')}</Text>
        </>
      )}
      {value.kind === 'between' && (
        <>
          <DateField size="sm" w={150} aria-label={t('segments.operands.from')} value={value.from} onChange={(from) => onChange({ ...value, from })} />
          <DateField size="sm" w={150} aria-label={t('segments.operands.to')} value={value.to} onChange={(to) => onChange({ ...value, to })} />
        </>
      )}
    </Group>
  );
}
