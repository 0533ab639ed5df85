import { useQuery } from '@tanstack/react-query';
import { useWorkspace } from '../session/workspace-context.js';
import { useApi } from './api-context.js';
import type { Member } from './types.js';

// Every role may read the members; the settings pages list and manage them, the customer pages name and
// pick responsible managers. One query for both, so a change in settings refreshes the names.

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
