import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { roleAllows } from '../../../../platform/roles.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { newSegmentPath, type Prefill } from './prefill.js';

/** "Save as segment": opens the builder filled in with a rule and a suggested name; for the roles that may save segments. */
export function SaveAsSegmentButton({ prefill, label, compact = false, short = false }: { prefill: Prefill; label?: string; compact?: boolean; short?: boolean }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  if (!roleAllows(workspace.role, 'segments:write')) return null;
  return (
    <Button component={Link} to={newSegmentPath(workspace.id)} state={{ prefill }} size={compact ? 'compact-xs' : 'sm'} variant={compact ? 'subtle' : 'default'}
      aria-label={label ?? t('segments.saveAs.button')}>
      {short ? t('segments.saveAs.short') : t('segments.saveAs.button')}
    </Button>
  );
}
