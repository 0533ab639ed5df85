import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormatter } from '../../format/useFormatter.js';
import { PeriodPicker } from './PeriodPicker.js';
import { usePeriod } from './usePeriod.js';

/** The period picker of an analytics screen with the days it shows and, when given, a line on how they are read. */
export function PeriodBar({ note }: { note?: string | null }) {
  const { t } = useTranslation();
  const f = useFormatter();
  const { period, end, setPeriod } = usePeriod();
  return (
    <div>
      <PeriodPicker value={period} end={end} onChange={setPeriod} />
      <Text size="sm" c="dimmed" mt={8}>
        {t('analytics.period.shown', { from: f.day(period.from), to: f.day(period.to) })}
        {note && ` · ${note}`}
      </Text>
    </div>
  );
}
