import { Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** Props of AnalyticsPanel. */
export interface AnalyticsPanelProps {
  title: string;
  intro: string;
  /** Another period is loading: the figures shown are the last period's. */
  busy: boolean;
  children: ReactNode;
}

/** A titled section of the analytics screen with a line on how to read it. */
export function AnalyticsPanel({ title, intro, busy, children }: AnalyticsPanelProps) {
  return (
    <Paper withBorder radius="md" p="lg" component="section" aria-label={title} aria-busy={busy}>
      <Stack gap="md" style={{ opacity: busy ? 0.55 : 1, transition: 'opacity 120ms' }}>
        <div>
          <Title order={2} size="h4">
            {title}
          </Title>
          <Text size="sm" c="dimmed" mt={4} maw={820}>
            {intro}
          </Text>
        </div>
        {children}
      </Stack>
    </Paper>
  );
}
