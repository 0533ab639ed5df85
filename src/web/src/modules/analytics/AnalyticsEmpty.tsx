import { Button, EmptyState, Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { canRunImports } from '../../session/session.js';
import { useWorkspace } from '../../session/workspace-context.js';

/** What the screen says when the period has no purchases: choose another period, or bring the orders in. */
export function AnalyticsEmpty() {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  // Only roles that may upload are sent to the imports screen; the others are told whom to ask.
  const canImport = canRunImports(workspace.role);
  return (
    <Paper withBorder radius="md" p="lg">
      <EmptyState py="xl" title={t('analytics.empty.title')} description={canImport ? t('analytics.empty.text') : t('analytics.empty.textReadOnly')}>
        {canImport && (
          <Button mt="md" component={Link} to={`/w/${workspace.id}/imports`} variant="light">
            {t('analytics.empty.import')}
          </Button>
        )}
      </EmptyState>
    </Paper>
  );
}
