import { skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useApi } from '../../api/api-context.js';
import type { ImportErrorsPage, ImportJob, ImportKind, ImportList, ImportPreview, StartImportBody } from '../../api/types.js';
import { isLanguage } from '../../i18n/i18n.js';
import { useWorkspace } from '../../session/workspace-context.js';

// Server state of the imports screens. Keys start with the workspace, like every other query, so
// one shop's imports never show in another.

/** A file just uploaded: the API's preview and the file's first bytes, to read it again in another format. */
export interface ImportDraft {
  preview: ImportPreview;
  sample: ArrayBuffer;
}

// How much of a file is kept for reading it again: the same 64 KiB the server previews.
const SAMPLE_BYTES = 64 * 1024;

const active = (job: ImportJob) => job.status === 'queued' || job.status === 'running';

// Queries of one import itself, which an ended import leaves as they are.
const ownKeys = new Set(['import', 'import-errors', 'import-draft']);

/** The newest imports of the workspace; refreshed every few seconds while one of them runs. */
export function useImportList() {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  return useQuery({
    queryKey: ['ws', workspaceId, 'imports'],
    queryFn: ({ signal }) => api.request<ImportList>('/api/v1/imports', { query: { limit: 20 }, workspaceId, signal }),
    refetchInterval: (query) => (query.state.data?.items.some(active) ? 3000 : false),
  });
}

/**
 * One import; polled every second while it is queued or running, so its progress moves on screen.
 * Once it has ended, whatever was cached of the workspace is refetched: the import may have added
 * or filled in customers and orders anywhere.
 */
export function useImport(importId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const query = useQuery({
    queryKey: ['ws', workspaceId, 'import', importId],
    queryFn: ({ signal }) => api.request<ImportJob>(`/api/v1/imports/${encodeURIComponent(importId)}`, { workspaceId, signal }),
    refetchInterval: (q) => (q.state.data && active(q.state.data) ? 1000 : false),
    staleTime: 0,
  });
  const ended = query.data?.status === 'done' || query.data?.status === 'failed';
  useEffect(() => {
    if (ended) void queryClient.invalidateQueries({ queryKey: ['ws', workspaceId], predicate: (q) => !ownKeys.has(String(q.queryKey[2])) });
  }, [ended, importId, workspaceId, queryClient]);
  return query;
}

/** The first problems of an ended import's rows that were not imported, in file order. */
export function useImportErrors(importId: string, limit: number) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  return useQuery({
    queryKey: ['ws', workspaceId, 'import-errors', importId, limit],
    queryFn: ({ signal }) => api.request<ImportErrorsPage>(`/api/v1/imports/${encodeURIComponent(importId)}/errors`, { query: { limit }, workspaceId, signal }),
  });
}

/** The preview of a file uploaded in this tab, if any: it is only in memory, not on the server. */
export function useImportDraft(importId: string) {
  const { id: workspaceId } = useWorkspace();
  return useQuery<ImportDraft>({ queryKey: draftKey(workspaceId, importId), queryFn: skipToken, staleTime: Infinity, gcTime: Infinity });
}

/** Uploads a CSV file; its preview is kept for the column check. */
export function useUploadImport() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  return useMutation({
    mutationFn: async ({ file, kind }: { file: File; kind: ImportKind }): Promise<ImportDraft> => {
      const form = new FormData();
      form.set('kind', kind);
      form.set('file', file, file.name);
      const [preview, sample] = await Promise.all([
        api.request<ImportPreview>('/api/v1/imports', { method: 'POST', form, workspaceId }),
        file.slice(0, SAMPLE_BYTES).arrayBuffer(),
      ]);
      return { preview, sample };
    },
    onSuccess: async (draft) => {
      const { preview } = draft;
      queryClient.setQueryData(draftKey(workspaceId, preview.id), draft);
      queryClient.setQueryData(['ws', workspaceId, 'import', preview.id], preview);
      await queryClient.invalidateQueries({ queryKey: ['ws', workspaceId, 'imports'] });
    },
  });
}

/** Starts a pending import with the confirmed format and mapping; the job then shows its progress. */
export function useStartImport(importId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  return useMutation({
    mutationFn: (body: StartImportBody) =>
      api.request<ImportJob>(`/api/v1/imports/${encodeURIComponent(importId)}/start`, { method: 'POST', body, workspaceId }),
    onSuccess: async (job) => {
      queryClient.setQueryData(['ws', workspaceId, 'import', importId], job);
      queryClient.removeQueries({ queryKey: draftKey(workspaceId, importId) });
      await queryClient.invalidateQueries({ queryKey: ['ws', workspaceId, 'imports'] });
    },
  });
}

/** Cancels an import that was not started: the server deletes it and its file. */
export function useCancelImport(importId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  return useMutation({
    mutationFn: () => api.request<undefined>(`/api/v1/imports/${encodeURIComponent(importId)}`, { method: 'DELETE', workspaceId }),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: draftKey(workspaceId, importId) });
      queryClient.removeQueries({ queryKey: ['ws', workspaceId, 'import', importId] });
      await queryClient.invalidateQueries({ queryKey: ['ws', workspaceId, 'imports'] });
    },
  });
}

/**
 * Where the error report of an import downloads from. A plain link sends the session cookie but no
 * headers, so the workspace goes in the query string, and the interface language with it: the
 * report's titles and reasons are then the ones on screen.
 */
export function errorReportUrl(workspaceId: string, importId: string, language: string): string {
  const lang = isLanguage(language) ? language : 'en';
  return `/api/v1/imports/${encodeURIComponent(importId)}/errors.csv?workspaceId=${encodeURIComponent(workspaceId)}&lang=${lang}`;
}

function draftKey(workspaceId: string, importId: string) {
  return ['ws', workspaceId, 'import-draft', importId] as const;
}
