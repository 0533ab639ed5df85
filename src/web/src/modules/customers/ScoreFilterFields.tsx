import { Button, Group, MultiSelect, NumberInput, Select, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ScoreFilters } from './score-filters.js';
import { abcXyzCells, goldenCells, pick, segments, stages } from './score-values.js';

/** Props of ScoreFilterFields. */
export interface ScoreFilterFieldsProps {
  value: ScoreFilters;
  onChange: (patch: Partial<ScoreFilters>) => void;
  /** ISO code of the workspace currency the CLV bound is typed in. */
  currency: string;
}

// The lists open inside the filter popover rather than in a portal, so picking an option is not a
// click outside it.
const inPopover = { withinPortal: false } as const;
const scoreOptions = ['1', '2', '3', '4', '5'];

/** The filter popover's fields on the stored scores: RFM segment and R/F scores, stage, ABC/XYZ cell, P(alive) range and least predicted CLV. */
export function ScoreFilterFields({ value, onChange, currency }: ScoreFilterFieldsProps) {
  const { t } = useTranslation();
  const golden = value.abcXyz.length === goldenCells.length && goldenCells.every((c) => value.abcXyz.includes(c));
  return (
    <Stack gap="sm">
      <MultiSelect
        label={t('customers.filters.rfmSegment')}
        placeholder={value.rfmSegment.length ? undefined : t('customers.filters.any')}
        data={segments.map((s) => ({ value: s, label: t(`analytics.segments.${s}.name`) }))}
        value={value.rfmSegment}
        onChange={(next) => onChange({ rfmSegment: pick(segments, next) })}
        comboboxProps={inPopover}
        clearable
      />
      <Group grow gap="xs" align="flex-start">
        <Select
          label={t('customers.filters.rfmR')}
          placeholder={t('customers.filters.any')}
          data={scoreOptions}
          value={value.rfmR === null ? null : String(value.rfmR)}
          onChange={(next) => onChange({ rfmR: next === null ? null : Number(next) })}
          comboboxProps={inPopover}
          clearable
        />
        <Select
          label={t('customers.filters.rfmF')}
          placeholder={t('customers.filters.any')}
          data={scoreOptions}
          value={value.rfmF === null ? null : String(value.rfmF)}
          onChange={(next) => onChange({ rfmF: next === null ? null : Number(next) })}
          comboboxProps={inPopover}
          clearable
        />
      </Group>
      <MultiSelect
        label={t('customers.filters.stage')}
        placeholder={value.stage.length ? undefined : t('customers.filters.any')}
        data={stages.map((s) => ({ value: s, label: t(`analytics.lifecycle.stages.${s}.name`) }))}
        value={value.stage}
        onChange={(next) => onChange({ stage: pick(stages, next) })}
        comboboxProps={inPopover}
        clearable
      />
      <div>
        <MultiSelect
          label={t('customers.filters.abcXyz')}
          placeholder={value.abcXyz.length ? undefined : t('customers.filters.any')}
          data={[...abcXyzCells]}
          value={value.abcXyz}
          onChange={(next) => onChange({ abcXyz: pick(abcXyzCells, next) })}
          comboboxProps={inPopover}
          clearable
        />
        <Button variant={golden ? 'light' : 'subtle'} color="yellow.8" size="compact-xs" mt={6} aria-pressed={golden} onClick={() => onChange({ abcXyz: [...goldenCells] })}>
          ★ {t('customers.filters.golden')}
        </Button>
      </div>
      <Group grow gap="xs" align="flex-start">
        <NumberInput
          label={t('customers.filters.minPAlive')}
          min={0}
          max={100}
          clampBehavior="strict"
          decimalScale={1}
          value={toPercent(value.minPAlive)}
          onChange={(v) => onChange({ minPAlive: toFraction(v) })}
        />
        <NumberInput
          label={t('customers.filters.maxPAlive')}
          min={0}
          max={100}
          clampBehavior="strict"
          decimalScale={1}
          value={toPercent(value.maxPAlive)}
          onChange={(v) => onChange({ maxPAlive: toFraction(v) })}
        />
      </Group>
      <NumberInput
        label={t('customers.filters.minPredictedClv', { currency })}
        min={0}
        thousandSeparator=" "
        value={value.minPredictedClv ?? ''}
        onChange={(v) => onChange({ minPredictedClv: typeof v === 'number' && Number.isFinite(v) ? v : null })}
      />
    </Stack>
  );
}

// P(alive) is kept as a fraction and typed as a percentage; rounding keeps 0.3 from showing as 30.000000000000004.
function toPercent(fraction: number | null): number | string {
  return fraction === null ? '' : Math.round(fraction * 1000) / 10;
}

function toFraction(percent: number | string): number | null {
  return typeof percent === 'number' && Number.isFinite(percent) ? Math.round(percent * 10) / 1000 : null;
}
