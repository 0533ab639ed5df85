import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './client.js';

/** Query key of the signed-in session (null when signed out). */
export const sessionKey = ['session'] as const;

/** Creates the query client: no retries of client errors, and a 401 anywhere signs the user out. */
export function createQueryClient(): QueryClient {
  // A session that ended (expired, signed out elsewhere) shows the sign-in page instead of errors.
  const onError = (error: Error) => {
    if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(sessionKey, null);
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
      },
    },
  });
  return queryClient;
}
