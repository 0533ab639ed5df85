import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useMembers } from '../../api/members.js';
import type { Member } from '../../api/types.js';

/** Names a member by user id: their name, "…" until the list loads, or "former member" for a user no longer in the workspace. */
export function useMemberName(enabled = true): (userId: string) => string {
  const { t } = useTranslation();
  const members = useMembers(enabled);
  const list = members.data;
  return useCallback(
    (userId: string) => {
      if (!list) return '…';
      const member = list.find((m) => m.id === userId);
      return member ? memberLabel(member) : t('customers.formerMember');
    },
    [list, t],
  );
}

/** How a member is named in lists: the name, or the e-mail when the name is blank. */
export function memberLabel(member: Member): string {
  return member.name.trim() || member.email;
}
