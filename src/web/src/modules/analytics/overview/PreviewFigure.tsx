import { Anchor, Text } from '@mantine/core';
import { Link } from 'react-router';

/** Props of PreviewFigure. */
export interface PreviewFigureProps {
  label: string;
  value: string;
  /** A line under the value: what it is made of. */
  note?: string;
  /** Where the value leads (the customers it counts), when it leads anywhere. */
  to?: string;
}

/** One headline figure of an overview card: its name, the value (a link when given one) and an optional note. */
export function PreviewFigure({ label, value, note, to }: PreviewFigureProps) {
  const style = { whiteSpace: 'nowrap' } as const;
  return (
    <div role="group" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} lh={1.3}>
        {label}
      </Text>
      {to ? (
        <Anchor component={Link} to={to} fz={22} fw={650} lh={1.3} display="block" style={style}>
          {value}
        </Anchor>
      ) : (
        <Text fz={22} fw={650} lh={1.3} style={style}>
          {value}
        </Text>
      )}
      {note && (
        <Text size="xs" c="dimmed">
          {note}
        </Text>
      )}
    </div>
  );
}
