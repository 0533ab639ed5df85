import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../api/api-context.js';
import type { Member } from '../../api/types.js';
import { useWorkspace } from '../../session/workspace-context.js';

// Every role may read the members; the customer pages need them only to name and pick responsible
// managers. The cache entry holds GET /members as answered, under the same key the settings pages
// use, so adding or removing a member there refreshes the names here.

/** The members of the workspace; `enabled: false` skips the request until it is needed. */
export function useMembers(enabled = true) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  return useQuery({
    queryKey: ['ws', workspaceId, 'members'],
    queryFn: ({ signal }) => api.request<{ members: Member[] }>('/api/v1/members', { workspaceId, signal }),
    select: (data) => data.members,
    enabled,
  });
}

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
