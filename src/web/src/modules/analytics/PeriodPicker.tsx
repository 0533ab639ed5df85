import { Group, SegmentedControl, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/DateField.js';
import { isDay, type Period, presetChoices, presetPeriod } from './period-state.js';

/** Props of PeriodPicker. */
export interface PeriodPickerProps {
  value: Period;
  /** The local day the presets end on: the KPI index's last day, or today. */
  end: string;
  onChange: (period: Period) => void;
}

/** Chooses the analytics period: the last 30, 90 or 365 days (up to `end`), or a range of one's own. */
export function PeriodPicker({ value, end, onChange }: PeriodPickerProps) {
  const { t } = useTranslation();
  const labels = { '30': t('analytics.period.last30'), '90': t('analytics.period.last90'), '365': t('analytics.period.last365') };
  return (
    <Group gap="sm" align="flex-start" wrap="wrap">
      <SegmentedControl
        aria-label={t('analytics.period.label')}
        value={value.choice}
        onChange={(choice) => {
          const preset = presetChoices.find((c) => c === choice);
          // A range of one's own starts from the dates shown, to be adjusted from there.
          onChange(preset ? presetPeriod(preset, end) : { ...value, choice: 'custom' });
        }}
        data={[...presetChoices.map((c) => ({ value: c, label: labels[c] })), { value: 'custom', label: t('analytics.period.custom') }]}
      />
      {value.choice === 'custom' && <CustomRange value={value} onChange={onChange} />}
    </Group>
  );
}

function CustomRange({ value, onChange }: Omit<PeriodPickerProps, 'end'>) {
  const { t } = useTranslation();
  const [from, setFrom] = useState(value.from);
  const [to, setTo] = useState(value.to);
  // The address can change under the fields (the back button); they follow it.
  useEffect(() => {
    setFrom(value.from);
    setTo(value.to);
  }, [value.from, value.to]);
  const reversed = isDay(from) && isDay(to) && from > to;
  const change = (nextFrom: string, nextTo: string) => {
    setFrom(nextFrom);
    setTo(nextTo);
    // Applied as soon as both are whole days in order; half-typed dates wait.
    if (isDay(nextFrom) && isDay(nextTo) && nextFrom <= nextTo) onChange({ choice: 'custom', from: nextFrom, to: nextTo });
  };
  return (
    <Group gap={6} align="flex-start" wrap="nowrap">
      <DateField
        aria-label={t('analytics.period.from')}
        value={from}
        onChange={(day) => change(day, to)}
        error={reversed ? t('analytics.period.fromAfterTo') : undefined}
        w={150}
      />
      <Text c="dimmed" lh="36px" aria-hidden>
        —
      </Text>
      <DateField aria-label={t('analytics.period.to')} value={to} onChange={(day) => change(from, day)} error={reversed} w={150} />
    </Group>
  );
}
