import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useApi } from '../../api/api-context.js';
import { useWorkspace } from '../../session/workspace-context.js';
import type { AbcXyzAnalysis, ClvCustomers, ClvModel, CohortAnalysis, KpiComparison, LifecycleAnalysis, RfmAnalysis } from './analytics.types.js';
import { type ClvSettings, monthlyDiscount } from './clv/clv-state.js';
import type { LifecycleRulesChoice } from './lifecycle/lifecycle-state.js';
import type { Period } from './period-state.js';

// Server state of the analytics screens. Keys start with the workspace, like every other page's, so
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

/** The RFM analysis of the period's purchases, as of its last day; asked for only while `enabled`. */
export function useRfm(period: Period, enabled = true) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  const { from, to } = period;
  return useQuery({
    queryKey: ['ws', workspaceId, 'analytics', 'rfm', from, to],
    enabled,
    queryFn: ({ signal }) => api.request<RfmAnalysis>('/api/v1/analytics/rfm', { query: { from, asOf: to }, workspaceId, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The ABC/XYZ analysis of the period's purchases; asked for only while `enabled`. */
export function useAbcXyz(period: Period, enabled = true) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  const { from, to } = period;
  return useQuery({
    queryKey: ['ws', workspaceId, 'analytics', 'abc-xyz', from, to],
    enabled,
    queryFn: ({ signal }) => api.request<AbcXyzAnalysis>('/api/v1/analytics/abc-xyz', { query: { from, asOf: to }, workspaceId, signal }),
    placeholderData: keepPreviousData,
  });
}

/** The lifecycle stages over the period and the flows between its first and last day. */
export function useLifecycle(period: Period, rules: LifecycleRulesChoice = {}) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  const { from, to } = period;
  const { churnDays, loyalPurchases } = rules;
  return useQuery({
    queryKey: ['ws', workspaceId, 'analytics', 'lifecycle', from, to, churnDays ?? null, loyalPurchases ?? null],
    queryFn: ({ signal }) =>
      api.request<LifecycleAnalysis>('/api/v1/analytics/lifecycle', { query: { from, to, churnDays, loyalPurchases }, workspaceId, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Cohort retention of the first-purchase months from `from` to `to` ("YYYY-MM"). */
export function useCohorts(months: { from: string; to: string }) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  const { from, to } = months;
  return useQuery({
    queryKey: ['ws', workspaceId, 'analytics', 'cohorts', from, to],
    queryFn: ({ signal }) => api.request<CohortAnalysis>('/api/v1/analytics/cohorts', { query: { from, to }, workspaceId, signal }),
    placeholderData: keepPreviousData,
  });
}

// The CLV screen works in weeks, the unit of the models' published examples.
const clvUnit = 'week';

/** The predictive models fitted on the orders up to the calibration day. */
export function useClvModel(calibrationEnd: string) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  return useQuery({
    queryKey: ['ws', workspaceId, 'analytics', 'clv-model', calibrationEnd, clvUnit],
    queryFn: ({ signal }) => api.request<ClvModel>('/api/v1/analytics/clv/model', { query: { calibrationEnd, unit: clvUnit }, workspaceId, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Customers in each CLV list: enough to act on, few enough to name each one. */
export const clvListLength = 10;

/** Predicted CLV over the horizon: deciles, the most valuable customers and the valuable ones at risk. */
export function useClvCustomers(settings: ClvSettings) {
  const api = useApi();
  const { id: workspaceId } = useWorkspace();
  const { calibrationEnd, months } = settings;
  const discount = monthlyDiscount(settings);
  return useQuery({
    queryKey: ['ws', workspaceId, 'analytics', 'clv-customers', calibrationEnd, clvUnit, months, discount, clvListLength],
    queryFn: ({ signal }) =>
      api.request<ClvCustomers>('/api/v1/analytics/clv/customers', {
        query: { calibrationEnd, unit: clvUnit, months, monthlyDiscount: discount, limit: clvListLength },
        workspaceId,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}
