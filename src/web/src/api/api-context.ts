import { createContext, useContext } from 'react';
import type { ApiClient } from './client.js';

/** Provides the API client to the component tree. */
export const ApiContext = createContext<ApiClient | null>(null);

/** The API client of the app. */
export function useApi(): ApiClient {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi needs an ApiContext.Provider');
  return api;
}
