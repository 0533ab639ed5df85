import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/api-context.js';
import { sessionKey } from '../../api/query-client.js';
import type { Role } from '../../api/types.js';
import { useSignedInSession } from '../../session/session.js';
import { useWorkspace } from '../../session/workspace-context.js';
import type {
  AddMemberBody,
  AddMemberResult,
  ApiKeyList,
  CreateApiKeyBody,
  CreatedApiKey,
  Member,
  MemberList,
  WorkspacePatch,
  WorkspaceSettings,
} from './settings.types.js';

// Server state of the settings pages. Keys start with the workspace, like every other page's, so
// one shop's members and keys never show in another.

/** The current workspace's name and settings. */
export function useWorkspaceSettings() {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  return useQuery({
    queryKey: ['ws', workspaceId, 'settings'],
    queryFn: ({ signal }) => api.request<WorkspaceSettings>('/api/v1/workspace', { workspaceId, signal }),
  });
}

/** Saves the workspace's settings; the session is reloaded so the header and all formatting follow. */
export function useUpdateWorkspace() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  return useMutation({
    mutationFn: (body: WorkspacePatch) => api.request<WorkspaceSettings>('/api/v1/workspace', { method: 'PATCH', body, workspaceId }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(['ws', workspaceId, 'settings'], saved);
      // The workspace the pages format with comes from GET /auth/me; amounts also change meaning.
      await queryClient.invalidateQueries({ queryKey: sessionKey });
      await queryClient.invalidateQueries({ queryKey: ['ws', workspaceId] });
    },
  });
}

/** Adds a user to the workspace (creating the account when a first password is given). */
export function useAddMember() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  return useMutation({
    mutationFn: (body: AddMemberBody) => api.request<AddMemberResult>('/api/v1/members', { method: 'POST', body, workspaceId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['ws', workspaceId, 'members'] }),
  });
}

/** Changes a member's role; changing one's own reloads the session, whose role decides what the pages allow. */
export function useSetRole() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const { user } = useSignedInSession();
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      api.request<Member>(`/api/v1/members/${encodeURIComponent(userId)}`, { method: 'PATCH', body: { role }, workspaceId }),
    onSuccess: async (member) => {
      queryClient.setQueryData<MemberList>(['ws', workspaceId, 'members'], (old) =>
        old ? { members: old.members.map((m) => (m.id === member.id ? member : m)) } : old,
      );
      if (member.id === user.id) await queryClient.invalidateQueries({ queryKey: sessionKey });
    },
  });
}

/** Removes a member from the workspace (their account stays). */
export function useRemoveMember() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  const { user } = useSignedInSession();
  return useMutation({
    mutationFn: (userId: string) => api.request<void>(`/api/v1/members/${encodeURIComponent(userId)}`, { method: 'DELETE', workspaceId }),
    onSuccess: async (_, userId) => {
      // Someone who removed themselves no longer has this workspace.
      if (userId === user.id) return queryClient.invalidateQueries({ queryKey: sessionKey });
      await queryClient.invalidateQueries({ queryKey: ['ws', workspaceId, 'members'] });
    },
  });
}

/** API keys of the workspace (secret keys only for those who may manage keys). */
export function useApiKeys() {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  return useQuery({
    queryKey: ['ws', workspaceId, 'keys'],
    queryFn: ({ signal }) => api.request<ApiKeyList>('/api/v1/keys', { workspaceId, signal }),
  });
}

/** Creates an API key; the answer carries the key itself, which for a secret key is never shown again. */
export function useCreateApiKey() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  return useMutation({
    mutationFn: (body: CreateApiKeyBody) => api.request<CreatedApiKey>('/api/v1/keys', { method: 'POST', body, workspaceId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['ws', workspaceId, 'keys'] }),
  });
}

/** Revokes an API key; from then on the API refuses it. */
export function useRevokeApiKey() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  return useMutation({
    mutationFn: (keyId: string) => api.request<void>(`/api/v1/keys/${encodeURIComponent(keyId)}`, { method: 'DELETE', workspaceId }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['ws', workspaceId, 'keys'] }),
  });
}
