import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { RouteDeps } from '../../platform/http/route-deps.js';
import { requirePermission } from '../../platform/http/auth.js';
import { DomainError } from '../../platform/errors.js';
import {
  abcXyzAnalysisSchema, abcXyzQuerySchema, clvCustomersQuerySchema, clvCustomersSchema, clvModelQuerySchema, cohortAnalysisSchema, cohortsQuerySchema, clvModelSchema, kpiComparisonSchema, kpiQuerySchema, lifecycleAnalysisSchema,
  lifecycleQuerySchema, rfmAnalysisSchema, rfmQuerySchema,
} from './analytics.schemas.js';

const tags = ['Analytics'];

/** Registers the analytics routes. */
export function registerAnalyticsRoutes(http: FastifyInstance, deps: RouteDeps): void {
  const api = http.withTypeProvider<ZodTypeProvider>();
  const read = requirePermission(deps.authn, 'read');

  api.get(
    '/api/v1/analytics/clv/model',
    {
      onRequest: read,
      schema: {
        tags,
        summary: 'Fit the predictive CLV models (BG/NBD and Gamma-Gamma) on the orders up to a day',
        description:
          'Repeat purchases are counted by distinct purchase days (orders of one day are one purchase); x, t_x and T are taken per customer ' +
          'from the first purchase day, fitted by maximum likelihood. See docs/analytics.md.',
        querystring: clvModelQuerySchema,
        response: { 200: clvModelSchema },
      },
    },
    async (request) => deps.services.clvModel.fit(request.auth.workspaceId, request.query.calibrationEnd, request.query.unit),
  );

  api.get(
    '/api/v1/analytics/rfm',
    {
      onRequest: read,
      schema: {
        tags,
        summary: 'RFM analysis: R×F heatmap and named segments',
        description:
          'Recency in days since the last purchase day, frequency in purchase days, monetary in net revenue, over the period. Scores 1–5 by ' +
          'quintiles (equal values share a score), or by the thresholds given (all three or none). See docs/analytics.md.',
        querystring: rfmQuerySchema,
        response: { 200: rfmAnalysisSchema },
      },
    },
    async (request) => {
      const { asOf, from, recency, frequency, monetary } = request.query;
      const given = [recency, frequency, monetary].filter((t) => t !== undefined).length;
      if (given !== 0 && given !== 3) {
        const missing = (['recency', 'frequency', 'monetary'] as const).filter((k) => request.query[k] === undefined);
        throw new DomainError('validation_failed', 'Give all three thresholds (recency, frequency, monetary) or none', missing.map((field) => ({ field, reason: 'is required with the other thresholds' })));
      }
      const thresholds = recency && frequency && monetary ? { recency, frequency, monetary } : undefined;
      return deps.services.rfm.analyse(request.auth.workspaceId, asOf, from ?? null, thresholds);
    },
  );

  api.get(
    '/api/v1/analytics/abc-xyz',
    {
      onRequest: read,
      schema: {
        tags,
        summary: 'ABC/XYZ analysis: the 3×3 matrix, golden customers (AX, AY) and the Pareto curve',
        description:
          'ABC by share of revenue (A: the customers who bring the first 80 %, B the next 15 %, C the rest), XYZ by share of purchases ' +
          'the same way, or by the coefficient of variation of monthly purchases. See docs/analytics.md.',
        querystring: abcXyzQuerySchema,
        response: { 200: abcXyzAnalysisSchema },
      },
    },
    async (request) => {
      const { asOf, from, xyz, abcCuts, xyzCuts } = request.query;
      return deps.services.abcXyz.analyse(request.auth.workspaceId, asOf, from ?? null, { xyz, abcCuts, xyzCuts });
    },
  );

  api.get(
    '/api/v1/analytics/kpis',
    {
      onRequest: read,
      schema: {
        tags,
        summary: "The customer KPIs of a period beside the previous period's",
        description:
          'Retention rate (E − N) / S, churn rate, repeat-purchase rate, average check, purchase frequency and revenue per customer, for the ' +
          'period and for the period of the same length just before it. See docs/analytics.md.',
        querystring: kpiQuerySchema,
        response: { 200: kpiComparisonSchema },
      },
    },
    async (request) => deps.services.kpis.compare(request.auth.workspaceId, request.query.from, request.query.to, request.query.activeDays),
  );

  api.get(
    '/api/v1/analytics/lifecycle',
    {
      onRequest: read,
      schema: {
        tags,
        summary: 'Lifecycle stages: counts over time and the flows between two days',
        description:
          'potential → new → repeat → loyal, churned → returned, from each customer’s purchase days; the churn window is the 80th percentile ' +
          'of the time between purchases unless given. See docs/analytics.md.',
        querystring: lifecycleQuerySchema,
        response: { 200: lifecycleAnalysisSchema },
      },
    },
    async (request) => {
      const { from, to, churnDays, loyalPurchases } = request.query;
      return deps.services.lifecycle.analyse(request.auth.workspaceId, from, to, { churnDays, loyalPurchases });
    },
  );

  api.get(
    '/api/v1/analytics/cohorts',
    {
      onRequest: read,
      schema: {
        tags,
        summary: 'Cohort retention by first-purchase month (a heatmap’s data)',
        querystring: cohortsQuerySchema,
        response: { 200: cohortAnalysisSchema },
      },
    },
    async (request) => deps.services.cohorts.retention(request.auth.workspaceId, request.query.from, request.query.to),
  );

  api.get(
    '/api/v1/analytics/clv/customers',
    {
      onRequest: read,
      schema: {
        tags,
        summary: 'Predicted CLV per customer: its distribution, the most valuable customers and the valuable ones at risk',
        description:
          'Fits the models as /analytics/clv/model does, then per customer P(alive), the purchases expected in 30, 90 and 365 days and the ' +
          'CLV over the horizon, discounted monthly. See docs/analytics.md.',
        querystring: clvCustomersQuerySchema,
        response: { 200: clvCustomersSchema },
      },
    },
    async (request) => {
      const { calibrationEnd, unit, months, monthlyDiscount, limit } = request.query;
      return deps.services.clvModel.predictions(request.auth.workspaceId, calibrationEnd, unit, { months, monthlyDiscount }, limit);
    },
  );
}
