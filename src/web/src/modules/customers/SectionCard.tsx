import { Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled panel of the profile page. */
export function SectionCard({ title, children, action }: { title: string; children: ReactNode; action?: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Title order={2} size="h5" mb="sm" style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        {title}
        {action}
      </Title>
      {children}
    </Paper>
  );
}
