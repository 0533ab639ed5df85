import { Anchor, Paper, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useWorkspace } from '../../../session/workspace-context.js';
import { type AnalyticsSection, sectionPath } from '../analytics-sections.js';
import { periodQuery } from '../period-state.js';

/** Props of PreviewCard. */
export interface PreviewCardProps {
  section: AnalyticsSection;
  title: string;
  children: ReactNode;
}

/** A small card of the overview with a section's headline figures; its title opens the section for the same period. */
export function PreviewCard({ section, title, children }: PreviewCardProps) {
  const workspace = useWorkspace();
  const location = useLocation();
  const to = sectionPath(workspace.id, section) + periodQuery(new URLSearchParams(location.search));
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Stack gap="sm">
        <Title order={2} size="h5">
          <Anchor component={Link} to={to} inherit underline="hover">
            {title}
            <span aria-hidden> →</span>
          </Anchor>
        </Title>
        {children}
      </Stack>
    </Paper>
  );
}
