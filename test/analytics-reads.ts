/** Every analytics read of the API, over a period (January to June 2026) that holds a test's data. */
export const analyticsReadUrls = [
  '/api/v1/analytics/kpis?from=2026-01-01&to=2026-06-30',
  '/api/v1/analytics/rfm?asOf=2026-06-30',
  '/api/v1/analytics/abc-xyz?asOf=2026-06-30',
  '/api/v1/analytics/abc-xyz?asOf=2026-06-30&from=2026-01-01&xyz=cv',
  '/api/v1/analytics/lifecycle?from=2026-01-01&to=2026-06-30',
  '/api/v1/analytics/cohorts?from=2026-01&to=2026-06',
  '/api/v1/analytics/clv/model?calibrationEnd=2026-06-30',
  '/api/v1/analytics/clv/customers?calibrationEnd=2026-06-30',
  '/api/v1/analytics/settings',
  '/api/v1/analytics/scores',
  '/api/v1/analytics/summary',
];
