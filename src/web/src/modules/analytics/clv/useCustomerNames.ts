import { useQueries } from '@tanstack/react-query';
import { useApi } from '../../../api/api-context.js';
import type { CustomerProfile } from '../../../api/types.js';
import { personName } from '../../../format/format.js';
import { useWorkspace } from '../../../session/workspace-context.js';

/** A customer's name as far as it is known: pending while loading, null when unnamed or not readable. */
export interface CustomerName {
  pending: boolean;
  name: string | null;
}

/**
 * The names of customers the CLV lists give only by id. Each is read from the customer's profile,
 * cached under the profile page's own key, so opening a profile from the list is instant.
 */
export function useCustomerNames(ids: readonly number[]): Map<number, CustomerName> {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  const unique = [...new Set(ids)];
  const results = useQueries({
    queries: unique.map((customerId) => ({
      queryKey: ['ws', workspaceId, 'customer', customerId],
      queryFn: ({ signal }: { signal: AbortSignal }) => api.request<CustomerProfile>(`/api/v1/customers/${customerId}`, { workspaceId, signal }),
    })),
  });
  return new Map(
    results.map((result, i) => [unique[i] ?? 0, { pending: result.isPending, name: result.data ? personName(result.data) : null }]),
  );
}
