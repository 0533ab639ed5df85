import { Text } from '@mantine/core';
import { useFormatter } from '../../format/useFormatter.js';

/** A change of size with its sign ("+12", "−3"), "—" when the size was not recorded that long ago. */
export function ChangeFigure({ value, size = 'sm' }: { value: number | null; size?: string }) {
  const f = useFormatter();
  if (value === null) return <Text size={size} c="dimmed">—</Text>;
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  return <Text size={size} c={value > 0 ? 'teal.8' : value < 0 ? 'red.8' : undefined}>{sign}{f.number(Math.abs(value))}</Text>;
}
