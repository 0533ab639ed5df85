import { createContext, useContext } from 'react';
import type { Workspace } from '../api/types.js';

/** Provides the workspace the user is working in (chosen in the URL). */
export const WorkspaceContext = createContext<Workspace | null>(null);

/** The current workspace; only inside a workspace's pages. */
export function useWorkspace(): Workspace {
  const workspace = useContext(WorkspaceContext);
  if (!workspace) throw new Error('useWorkspace needs a WorkspaceContext.Provider');
  return workspace;
}

// The last workspace opened is where "/" leads next time, per user on this device.
const lastWorkspaceKey = (userId: string) => `klientura.workspace.${userId}`;

/** Remembers the workspace a user opened last on this device. */
export function rememberWorkspace(userId: string, workspaceId: string): void {
  localStorage.setItem(lastWorkspaceKey(userId), workspaceId);
}

/** The workspace a user opened last on this device, if any. */
export function lastWorkspace(userId: string): string | null {
  return localStorage.getItem(lastWorkspaceKey(userId));
}
