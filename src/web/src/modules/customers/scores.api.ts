import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useApi } from '../../api/api-context.js';
import { ApiError } from '../../api/client.js';
import type { CustomerScores, ScoresRun, ScoresStatus } from '../../api/types.js';
import { useWorkspace } from '../../session/workspace-context.js';

// Server state of the stored customer scores: one customer's, and the computations that produce
// them. A computation runs in the background; while one runs its status is polled, and when it
// ends everything that shows scores (the list, the profiles, the analytics) is asked again.

const pollMs = 1_000;

/** A customer's stored scores and stage history; null before they were first computed for them. */
export function useCustomerScores(customerId: number) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  return useQuery({
    queryKey: ['ws', workspaceId, 'customer-scores', customerId],
    queryFn: ({ signal }) => api.request<CustomerScores | null>(`/api/v1/customers/${customerId}/scores`, { workspaceId, signal }),
  });
}

/** Whether the scores are being computed and when they last were; polled while a computation runs. */
export function useScoresStatus() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const status = useQuery({
    queryKey: ['ws', workspaceId, 'scores-status'],
    queryFn: ({ signal }) => api.request<ScoresStatus>('/api/v1/analytics/scores', { workspaceId, signal }),
    refetchInterval: (query) => (query.state.data?.running ? pollMs : false),
  });
  const running = status.data?.running ?? false;
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running) {
      // The profile and timeline too: a computation reflects the orders up to now, and so should they.
      for (const part of ['customers', 'customer', 'timeline', 'customer-scores', 'analytics']) {
        void queryClient.invalidateQueries({ queryKey: ['ws', workspaceId, part] });
      }
    }
    wasRunning.current = running;
  }, [running, queryClient, workspaceId]);
  return status;
}

/** Starts a computation of every customer's scores; one already running is followed instead. */
export function useRecomputeScores() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const key = ['ws', workspaceId, 'scores-status'];
  return useMutation({
    mutationFn: () => api.request<ScoresRun>('/api/v1/analytics/scores/recompute', { method: 'POST', workspaceId }),
    onSuccess: (run) => {
      // Shown as running at once; the poll takes over from here.
      queryClient.setQueryData<ScoresStatus>(key, (old) => (old ? { ...old, running: true, runs: [run, ...old.runs] } : old));
      void queryClient.invalidateQueries({ queryKey: key });
    },
    onError: (error) => {
      // A 409: someone else's computation is running, which the poll follows just the same.
      if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: key });
    },
  });
}
