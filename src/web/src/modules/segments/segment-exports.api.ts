import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/api-context.js';
import { useWorkspace } from '../../session/workspace-context.js';
import type { ExportInput, SegmentExport } from './segments.types.js';

const running = (e: SegmentExport) => e.status === 'queued' || e.status === 'running';

/** A segment's exports, newest first; polled every second while one of them runs. */
export function useSegmentExports(segmentId: string) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  return useQuery({
    queryKey: ['ws', workspaceId, 'segment-exports', segmentId],
    queryFn: ({ signal }) => api.request<{ items: SegmentExport[] }>(`/api/v1/segments/${encodeURIComponent(segmentId)}/exports`, { workspaceId, signal }),
    select: (list) => list.items,
    refetchInterval: (q) => (q.state.data?.items.some(running) ? 1000 : false),
    retry: false,
  });
}

/** Starts an export of a segment's members in a format. */
export function useStartExport(segmentId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  return useMutation({
    mutationFn: (input: ExportInput) =>
      api.request<SegmentExport>(`/api/v1/segments/${encodeURIComponent(segmentId)}/exports`, { method: 'POST', body: input, workspaceId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['ws', workspaceId, 'segment-exports', segmentId] }),
  });
}

/** Where an ended export's file is downloaded from (the session cookie authorises it). */
export function exportFileUrl(exportId: string, workspaceId: string): string {
  return `/api/v1/segment-exports/${encodeURIComponent(exportId)}/file?workspaceId=${encodeURIComponent(workspaceId)}`;
}
