import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/api-context.js';
import type { CustomerList, CustomerListQuery, CustomerProfile, CustomerWrite, Timeline, TimelineType } from '../../api/types.js';
import { useWorkspace } from '../../session/workspace-context.js';

// Server state of the customers pages. Keys start with the workspace, so switching workspaces
// never shows one shop's customers in another.

/** One page of the customer list for a query (search, filters, sort, cursor). */
export function useCustomerList(query: CustomerListQuery) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  return useQuery({
    queryKey: ['ws', workspaceId, 'customers', query],
    queryFn: ({ signal }) => api.request<CustomerList>('/api/v1/customers', { query: { ...query }, workspaceId, signal }),
    // The table keeps the rows it shows while the next page or a new search loads.
    placeholderData: keepPreviousData,
  });
}

/**
 * How many customers match a query's search and filters. Counted apart from the pages, with its own
 * key that leaves out the sort and the cursor, so paging and sorting never count again.
 */
export function useCustomerTotal(query: CustomerListQuery) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  const { sort: _sort, cursor: _cursor, limit: _limit, ...filters } = query;
  const countQuery: CustomerListQuery = { ...filters, limit: 1, includeTotal: true };
  return useQuery({
    queryKey: ['ws', workspaceId, 'customers', 'total', filters],
    queryFn: ({ signal }) => api.request<CustomerList>('/api/v1/customers', { query: { ...countQuery }, workspaceId, signal }),
    select: (list) => list.total ?? null,
    placeholderData: keepPreviousData,
  });
}

/** Whether any customer is assigned to a user; asked only when `enabled`, and refreshed with the list. */
export function useHasAssignedCustomers(userId: string, enabled: boolean) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  const query: CustomerListQuery = { managerId: userId, limit: 1 };
  return useQuery({
    queryKey: ['ws', workspaceId, 'customers', query],
    queryFn: ({ signal }) => api.request<CustomerList>('/api/v1/customers', { query: { ...query }, workspaceId, signal }),
    select: (list) => list.items.length > 0,
    enabled,
  });
}

/** A customer's whole profile. */
export function useCustomer(customerId: number) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  return useQuery({
    queryKey: ['ws', workspaceId, 'customer', customerId],
    queryFn: ({ signal }) => api.request<CustomerProfile>(`/api/v1/customers/${customerId}`, { workspaceId, signal }),
  });
}

/** A customer's orders and events, newest first, loaded page by page. */
export function useTimeline(customerId: number, types: TimelineType[]) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  return useInfiniteQuery({
    queryKey: ['ws', workspaceId, 'timeline', customerId, types],
    queryFn: ({ pageParam, signal }) =>
      api.request<Timeline>(`/api/v1/customers/${customerId}/timeline`, {
        query: { types: types.join(','), cursor: pageParam, limit: 30 },
        workspaceId,
        signal,
      }),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Saves changes to a customer and shows the saved profile everywhere at once. */
export function useUpdateCustomer(customerId: number) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  return useMutation({
    mutationFn: (body: CustomerWrite) => api.request<CustomerProfile>(`/api/v1/customers/${customerId}`, { method: 'PATCH', body, workspaceId }),
    onSuccess: async (profile) => {
      queryClient.setQueryData(['ws', workspaceId, 'customer', customerId], profile);
      await queryClient.invalidateQueries({ queryKey: ['ws', workspaceId, 'customers'] });
    },
  });
}

/** Erases a customer's personal data (orders stay, anonymous). */
export function useEraseCustomer(customerId: number) {
  const api = useApi();
  const queryClient = useQueryClient();
  const { id: workspaceId } = useWorkspace();
  return useMutation({
    mutationFn: (reason: string) =>
      api.request<void>(`/api/v1/customers/${customerId}`, { method: 'DELETE', body: reason ? { reason } : {}, workspaceId }),
    onSuccess: async () => {
      queryClient.removeQueries({ queryKey: ['ws', workspaceId, 'customer', customerId] });
      queryClient.removeQueries({ queryKey: ['ws', workspaceId, 'timeline', customerId] });
      await queryClient.invalidateQueries({ queryKey: ['ws', workspaceId, 'customers'] });
    },
  });
}
