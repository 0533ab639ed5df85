import { useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context.js';
import { useWorkspace } from '../../session/workspace-context.js';
import type { ScoresSummary } from './analytics.types.js';

// The summary of the last computation of the stored scores: one stored row, so it answers at once
// at any size. Its key sits under 'analytics', so the end of a computation asks for it again.

/** The workspace as of the last computation of the scores; null before the first one. */
export function useScoresSummary() {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  return useQuery({
    queryKey: ['ws', workspaceId, 'analytics', 'summary'],
    queryFn: ({ signal }) => api.request<ScoresSummary | null>('/api/v1/analytics/summary', { workspaceId, signal }),
  });
}
