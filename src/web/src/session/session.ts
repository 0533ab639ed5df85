import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Permission, roleAllows } from '../../../platform/roles.js';
import { useApi } from '../api/api-context.js';
import { ApiError } from '../api/client.js';
import { sessionKey } from '../api/query-client.js';
import type { Role, Session, User } from '../api/types.js';
import { applyLanguage, isLanguage, type Language } from '../i18n/i18n.js';

/** The signed-in session, restored from the cookie through GET /auth/me; null when signed out. */
export function useSession() {
  const api = useApi();
  const { i18n } = useTranslation();
  return useQuery({
    queryKey: sessionKey,
    queryFn: async (): Promise<Session | null> => {
      try {
        const session = await api.request<Session>('/api/v1/auth/me');
        api.setCsrfToken(session.csrfToken);
        if (isLanguage(session.user.locale)) await applyLanguage(i18n, session.user.locale);
        return session;
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: Infinity,
  });
}

/** Signs in with e-mail and password; the session becomes the query's data. */
export function useSignIn() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { i18n } = useTranslation();
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => api.request<Session>('/api/v1/auth/login', { method: 'POST', body }),
    onSuccess: async (session) => {
      api.setCsrfToken(session.csrfToken);
      if (isLanguage(session.user.locale)) await applyLanguage(i18n, session.user.locale);
      queryClient.setQueryData(sessionKey, session);
    },
  });
}

/** Signs out and opens the sign-in page afresh, so nothing of the user's data stays in memory. */
export function useSignOut() {
  const api = useApi();
  return useMutation({
    mutationFn: () => api.request<void>('/api/v1/auth/logout', { method: 'POST' }),
    // A full page load rather than a route change: the cache, the CSRF token and every page that
    // needs a session go at once, instead of rendering once more without one.
    onSettled: () => window.location.assign('/signin'),
  });
}

/** Changes the interface language at once and saves it as the user's locale. */
export function useChangeLanguage() {
  const api = useApi();
  const queryClient = useQueryClient();
  const { i18n } = useTranslation();
  return useMutation({
    mutationFn: async (language: Language) => {
      await applyLanguage(i18n, language);
      return api.request<User>('/api/v1/auth/me', { method: 'PATCH', body: { locale: language } });
    },
    onSuccess: (user) => {
      queryClient.setQueryData<Session | null>(sessionKey, (old) => (old ? { ...old, user } : old));
    },
  });
}

/** Changes the signed-in user's password; the server ends their other sessions and keeps this one. */
export function useChangePassword() {
  const api = useApi();
  return useMutation({
    mutationFn: (body: { currentPassword: string; password: string }) => api.request<void>('/api/v1/auth/password', { method: 'POST', body }),
  });
}

/** Whether a role may create, edit and erase customers (the analyst only reads). */
export function canEditCustomers(role: Role): boolean {
  return roleAllows(role, 'customers:write');
}

/** Whether a role may upload and run imports (owners, admins and marketers). */
export function canRunImports(role: Role): boolean {
  return roleAllows(role, 'imports:write');
}

/** Whether a role grants a permission (the web app hides what the API would refuse). */
export function can(role: Role, permission: Permission): boolean {
  return roleAllows(role, permission);
}

/** The session of a signed-in user; only under RequireSession, which guarantees one. */
export function useSignedInSession(): Session {
  const { data } = useSession();
  if (!data) throw new Error('useSignedInSession is used outside RequireSession');
  return data;
}
