import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { roleAllows } from '../../../platform/roles.js';
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

/** Signs out, forgets everything cached for the user and opens the sign-in page. */
export function useSignOut() {
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => api.request<void>('/api/v1/auth/logout', { method: 'POST' }),
    onSettled: () => {
      api.setCsrfToken(null);
      // The session goes first, so the pages that need it unmount before their data disappears
      // (clearing the whole cache first would render them once with no session).
      queryClient.setQueryData(sessionKey, null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== sessionKey[0] });
      void navigate('/signin', { replace: true });
    },
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

/** Whether a role may create, edit and erase customers (the analyst only reads). */
export function canEditCustomers(role: Role): boolean {
  return roleAllows(role, 'customers:write');
}

/** The session of a signed-in user; only under RequireSession, which guarantees one. */
export function useSignedInSession(): Session {
  const { data } = useSession();
  if (!data) throw new Error('useSignedInSession is used outside RequireSession');
  return data;
}
