import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSignedInSession } from '../../session/session.js';
import { useWorkspace } from '../../session/workspace-context.js';
import { useHasAssignedCustomers } from './customers.api.js';
import type { Scope } from './list-state.js';

/** Props of ScopeSwitch. */
export interface ScopeSwitchProps {
  value: Scope;
  onChange: (scope: Scope) => void;
}

/** "My customers / All customers", for managers and anyone with customers assigned to them. */
export function ScopeSwitch({ value, onChange }: ScopeSwitchProps) {
  const { t } = useTranslation();
  const { role } = useWorkspace();
  const { user } = useSignedInSession();
  // A manager always has the switch; others only once a customer is theirs, so an owner or an
  // analyst with nobody assigned sees no control that could only show an empty list.
  const hasAssigned = useHasAssignedCustomers(user.id, role !== 'manager' && value !== 'mine');
  if (role !== 'manager' && value !== 'mine' && !hasAssigned.data) return null;
  return (
    <SegmentedControl
      aria-label={t('customers.scope.label')}
      value={value}
      onChange={(next) => onChange(next === 'mine' ? 'mine' : 'all')}
      data={[
        { value: 'mine', label: t('customers.scope.mine') },
        { value: 'all', label: t('customers.scope.all') },
      ]}
    />
  );
}
