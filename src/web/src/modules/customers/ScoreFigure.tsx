import { Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** A labelled value of the Scores card: a small grey label over the value. */
export function ScoreFigure({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed" mb={4}>
        {label}
      </Text>
      {children}
    </div>
  );
}
