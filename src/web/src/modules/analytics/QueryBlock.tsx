import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState } from '../../components/ErrorState.js';

/** Props of QueryBlock. */
export interface QueryBlockProps<T> {
  query: UseQueryResult<T>;
  /** Stands in for the content while the first answer loads. */
  loading: ReactNode;
  children: (data: T) => ReactNode;
}

/** A block of the screen fed by one query: a placeholder while it loads, the API's message when it fails, else the content. */
export function QueryBlock<T>({ query, loading, children }: QueryBlockProps<T>) {
  const retry = () => void query.refetch();
  if (query.data === undefined) return query.isError ? <ErrorState error={query.error} onRetry={retry} /> : loading;
  return (
    <>
      {children(query.data)}
      {/* A failed refresh keeps the figures shown and says why they may be old. */}
      {query.isError && <ErrorState error={query.error} onRetry={retry} />}
    </>
  );
}
