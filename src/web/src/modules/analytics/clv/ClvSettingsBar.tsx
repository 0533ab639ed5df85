import { Group, NumberInput, Text } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../../components/DateField.js';
import { isDay } from '../period-state.js';
import { type ClvSettings, clvLimits } from './clv-state.js';

/** Props of ClvSettingsBar. */
export interface ClvSettingsBarProps {
  value: ClvSettings;
  onChange: (settings: ClvSettings) => void;
}

/** The CLV screen's settings: the last day of the orders the models learn from, the horizon and the monthly discount. */
export function ClvSettingsBar({ value, onChange }: ClvSettingsBarProps) {
  const { t } = useTranslation();
  const [end, setEnd] = useState(value.calibrationEnd);
  const [months, setMonths] = useState<number | string>(value.months);
  const [discount, setDiscount] = useState<number | string>(value.discountPercent);
  // The fields follow the address (the back button).
  useEffect(() => {
    setEnd(value.calibrationEnd);
    setMonths(value.months);
    setDiscount(value.discountPercent);
  }, [value.calibrationEnd, value.months, value.discountPercent]);
  // Each change refits the models on the server, so numbers apply once typing pauses.
  const apply = useDebouncedCallback((next: ClvSettings) => onChange(next), 400);
  const within = (n: number | string, limits: { min: number; max: number }) => typeof n === 'number' && n >= limits.min && n <= limits.max;
  const change = (nextEnd: string, nextMonths: number | string, nextDiscount: number | string) => {
    if (!isDay(nextEnd) || !within(nextMonths, clvLimits.months) || !within(nextDiscount, clvLimits.discountPercent)) return;
    apply({ calibrationEnd: nextEnd, months: Number(nextMonths), discountPercent: Number(nextDiscount) });
  };
  return (
    <div>
      <Group gap="sm" align="flex-start">
        <DateField
          label={t('analytics.clv.settings.calibrationEnd')}
          value={end}
          onChange={(day) => {
            setEnd(day);
            change(day, months, discount);
          }}
          error={end !== '' && !isDay(end) ? t('analytics.clv.settings.invalid') : undefined}
          w={170}
        />
        <NumberInput
          label={t('analytics.clv.settings.months')}
          value={months}
          onChange={(next) => {
            setMonths(next);
            change(end, next, discount);
          }}
          min={clvLimits.months.min}
          max={clvLimits.months.max}
          allowDecimal={false}
          allowNegative={false}
          w={170}
        />
        <NumberInput
          label={t('analytics.clv.settings.discount')}
          value={discount}
          onChange={(next) => {
            setDiscount(next);
            change(end, months, next);
          }}
          min={clvLimits.discountPercent.min}
          max={clvLimits.discountPercent.max}
          decimalScale={2}
          step={0.5}
          allowNegative={false}
          w={170}
        />
      </Group>
      <Text size="xs" c="dimmed" mt={6}>
        {t('analytics.clv.settings.discountHint')}
      </Text>
    </div>
  );
}
