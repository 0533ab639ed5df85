import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context.js';
import { useWorkspace } from '../../session/workspace-context.js';
import type { AbcXyzAnalysis, KpiComparison, RfmAnalysis } from './analytics.types.js';
import type { Period } from './period-state.js';

// Server state of the analytics screen. Keys start with the workspace, like every other page's, so
// one shop's figures never show in another; an ended import refetches them with the rest. While
// another period loads, the figures of the last one stay on screen, dimmed.

/** The KPIs of the period beside the previous period's. */
export function useKpis(period: Period) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  const { from, to } = period;
  return useQuery({
    queryKey: ['ws', workspaceId, 'analytics', 'kpis', from, to],
    queryFn: ({ signal }) => api.request<KpiComparison>('/api/v1/analytics/kpis', { query: { from, to }, workspaceId, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The RFM analysis of the period's purchases, as of its last day. */
export function useRfm(period: Period) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  const { from, to } = period;
  return useQuery({
    queryKey: ['ws', workspaceId, 'analytics', 'rfm', from, to],
    queryFn: ({ signal }) => api.request<RfmAnalysis>('/api/v1/analytics/rfm', { query: { from, asOf: to }, workspaceId, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The ABC/XYZ analysis of the period's purchases. */
export function useAbcXyz(period: Period) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  const { from, to } = period;
  return useQuery({
    queryKey: ['ws', workspaceId, 'analytics', 'abc-xyz', from, to],
    queryFn: ({ signal }) => api.request<AbcXyzAnalysis>('/api/v1/analytics/abc-xyz', { query: { from, asOf: to }, workspaceId, signal }),
    placeholderData: keepPreviousData,
  });
}
