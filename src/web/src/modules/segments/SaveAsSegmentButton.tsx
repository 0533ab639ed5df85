import { ActionIcon, Button, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { roleAllows } from '../../../../platform/roles.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { newSegmentPath, type Prefill } from './prefill.js';

/**
 * "Save as segment": opens the builder filled in with a rule and a suggested name; for the roles that
 * may save segments. Compact, inside tables and cells, it is an icon with a tooltip, so it adds no
 * words to the figures it sits beside.
 */
export function SaveAsSegmentButton({ prefill, label, compact = false }: { prefill: Prefill; label?: string; compact?: boolean }) {
  const { t } = useTranslation();
  const workspace = useWorkspace();
  if (!roleAllows(workspace.role, 'segments:write')) return null;
  const name = label ?? t('segments.saveAs.button');
  if (compact) {
    return (
      <Tooltip label={name} withinPortal>
        <ActionIcon component={Link} to={newSegmentPath(workspace.id)} state={{ prefill }} size="sm" variant="subtle" aria-label={name}>
          <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
            <path d="M6 3h12v18l-6-4-6 4z" />
            <path d="M12 7v6M9 10h6" />
          </svg>
        </ActionIcon>
      </Tooltip>
    );
  }
  return (
    <Button component={Link} to={newSegmentPath(workspace.id)} state={{ prefill }} size="sm" variant="default" aria-label={name}>
      {name}
    </Button>
  );
}
