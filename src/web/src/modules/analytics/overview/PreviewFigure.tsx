import { Text } from '@mantine/core';

/** Props of PreviewFigure. */
export interface PreviewFigureProps {
  label: string;
  value: string;
  /** A line under the value: what it is made of. */
  note?: string;
}

/** One headline figure of an overview card: its name, the value and an optional note. */
export function PreviewFigure({ label, value, note }: PreviewFigureProps) {
  return (
    <div role="group" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lh={1.3}>
        {label}
      </Text>
      <Text fz={22} fw={650} lh={1.3} style={{ whiteSpace: 'nowrap' }}>
        {value}
      </Text>
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </div>
  );
}
