import { keepPreviousData, skipToken, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/api-context.js';
import { useWorkspace } from '../../session/workspace-context.js';
import type {
  CustomerSegment, HistoryPage, MembersPage, Preview, RuleGroup, Segment, SegmentInput, SegmentPatch, SegmentSummary, Sizes, UploadResult,
} from './segments.types.js';

// Server state of the segments screens. Keys start with the workspace, like every other query, so
// one shop's segments never show in another.

const building = (segment: Segment) => segment.status === 'building';

/** Every segment of the workspace; refreshed every two seconds while one of them builds. */
export function useSegments() {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  return useQuery({
    queryKey: ['ws', workspaceId, 'segments'],
    queryFn: ({ signal }) => api.request<{ items: Segment[] }>('/api/v1/segments', { workspaceId, signal }),
    select: (list) => list.items,
    refetchInterval: (q) => (q.state.data?.items.some(building) ? 2000 : false),
  });
}

/** One segment; polled every second while it builds, so its size appears when it is ready. */
export function useSegment(segmentId: string) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  return useQuery({
    queryKey: ['ws', workspaceId, 'segment', segmentId],
    queryFn: ({ signal }) => api.request<Segment>(`/api/v1/segments/${encodeURIComponent(segmentId)}`, { workspaceId, signal }),
    refetchInterval: (q) => (q.state.data && building(q.state.data) ? 1000 : false),
  });
}

/** What a rule matches now; asked only for a rule (null: nothing complete enough to ask about yet). */
export function usePreview(rule: RuleGroup | null) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  return useQuery({
    queryKey: ['ws', workspaceId, 'segment-preview', rule],
    queryFn: rule
      ? ({ signal }) => api.request<Preview>('/api/v1/segments/preview', { method: 'POST', body: { rule }, workspaceId, signal })
      : skipToken,
    // The last figures stay on screen, dimmed, while the next rule is counted.
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 10_000,
  });
}

/** Saves a new segment. */
export function useCreateSegment() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  return useMutation({
    mutationFn: (input: SegmentInput) => api.request<Segment>('/api/v1/segments', { method: 'POST', body: input, workspaceId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['ws', workspaceId, 'segments'] }),
  });
}

/** Renames a segment or changes its rule. */
export function useUpdateSegment(segmentId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  return useMutation({
    mutationFn: (patch: SegmentPatch) => api.request<Segment>(`/api/v1/segments/${encodeURIComponent(segmentId)}`, { method: 'PATCH', body: patch, workspaceId }),
    onSuccess: (segment) => {
      queryClient.setQueryData(['ws', workspaceId, 'segment', segmentId], segment);
      return queryClient.invalidateQueries({ queryKey: ['ws', workspaceId], predicate: (q) => String(q.queryKey[2]).startsWith('segment') });
    },
  });
}

/** Deletes a segment. */
export function useDeleteSegment(segmentId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  return useMutation({
    mutationFn: () => api.request<undefined>(`/api/v1/segments/${encodeURIComponent(segmentId)}`, { method: 'DELETE', workspaceId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['ws', workspaceId, 'segments'] }),
  });
}

/** A segment's members, the newest customers first, page by page. */
export function useSegmentMembers(segmentId: string) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  return useInfiniteQuery({
    queryKey: ['ws', workspaceId, 'segment-members', segmentId],
    queryFn: ({ pageParam, signal }) =>
      api.request<MembersPage>(`/api/v1/segments/${encodeURIComponent(segmentId)}/members`, { query: { after: pageParam, limit: 50 }, workspaceId, signal }),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

/** A segment's entries and exits, newest first, page by page. */
export function useSegmentHistory(segmentId: string) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  return useInfiniteQuery({
    queryKey: ['ws', workspaceId, 'segment-history', segmentId],
    queryFn: ({ pageParam, signal }) =>
      api.request<HistoryPage>(`/api/v1/segments/${encodeURIComponent(segmentId)}/history`, { query: { after: pageParam, limit: 20 }, workspaceId, signal }),
    initialPageParam: '',
    getNextPageParam: (last) => last.next ?? undefined,
  });
}

/** A segment's size at the end of each of the last `days` days. */
export function useSegmentSizes(segmentId: string, days: number) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  return useQuery({
    queryKey: ['ws', workspaceId, 'segment-sizes', segmentId, days],
    queryFn: ({ signal }) => api.request<Sizes>(`/api/v1/segments/${encodeURIComponent(segmentId)}/sizes`, { query: { days }, workspaceId, signal }),
  });
}

/** Who a segment's members are: RFM groups, stages, cities, consent, revenue and CLV. */
export function useSegmentSummary(segmentId: string) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  return useQuery({
    queryKey: ['ws', workspaceId, 'segment-summary', segmentId],
    queryFn: ({ signal }) => api.request<SegmentSummary>(`/api/v1/segments/${encodeURIComponent(segmentId)}/summary`, { workspaceId, signal }),
    retry: false,
  });
}

/** Adds customers to a static segment by their ids. */
export function useAddStaticMembers(segmentId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  return useMutation({
    mutationFn: (customerIds: number[]) =>
      api.request<{ changed: number }>(`/api/v1/segments/${encodeURIComponent(segmentId)}/members/add`, { method: 'POST', body: { customerIds }, workspaceId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['ws', workspaceId], predicate: (q) => String(q.queryKey[2]).startsWith('segment') }),
  });
}

/** Adds the customers a file names (phones, e-mails, cards or ids) to a static segment. */
export function useUploadStaticList(segmentId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  return useMutation({
    // Sent as CSV whatever type the browser gives the file (Excel's own is not one the server reads).
    mutationFn: (file: Blob) =>
      api.request<UploadResult>(`/api/v1/segments/${encodeURIComponent(segmentId)}/members/upload`, { method: 'POST', file: new Blob([file], { type: 'text/csv' }), workspaceId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['ws', workspaceId], predicate: (q) => String(q.queryKey[2]).startsWith('segment') }),
  });
}

/** The segments a customer is in. */
export function useCustomerSegments(customerId: number) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  return useQuery({
    queryKey: ['ws', workspaceId, 'customer-segments', customerId],
    queryFn: ({ signal }) => api.request<{ items: CustomerSegment[] }>(`/api/v1/customers/${customerId}/segments`, { workspaceId, signal }),
    select: (list) => list.items,
  });
}
