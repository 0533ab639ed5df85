import { Button, EmptyState, Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canRunImports } from '../../session/session.js';
import { useWorkspace } from '../../session/workspace-context.js';

/** Props of AnalyticsEmpty: the screen's own wording, else that of a period without purchases. */
export interface AnalyticsEmptyProps {
  title?: string;
  /** What to do, for roles that may import. */
  text?: string;
  /** What to do, for the others. */
  textReadOnly?: string;
}

/** What a screen says when it has no purchases to show: choose other days, or bring the orders in. */
export function AnalyticsEmpty({ title, text, textReadOnly }: AnalyticsEmptyProps) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  // Only roles that may upload are sent to the imports screen; the others are told whom to ask.
  const canImport = canRunImports(workspace.role);
  return (
    <Paper withBorder radius="md" p="lg">
      <EmptyState
        py="xl"
        title={title ?? t('analytics.empty.title')}
        description={canImport ? (text ?? t('analytics.empty.text')) : (textReadOnly ?? t('analytics.empty.textReadOnly'))}
      >
        {canImport && (
          <Button mt="md" component={Link} to={`/w/${workspace.id}/imports`} variant="light">
            {t('analytics.empty.import')}
          </Button>
        )}
      </EmptyState>
    </Paper>
  );
}
