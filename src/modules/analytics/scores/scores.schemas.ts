import { z } from 'zod';
import { abcXyzAnalysisSchema, clvAtRiskBandSchema, clvDecileGroupsSchema, rfmAnalysisSchema, stageCountsSchema } from '../analytics.schemas.js';
import { lifecycleStages } from '../lifecycle/lifecycle.js';
import { rfmSegments } from '../rfm/rfm.js';

// Contracts of the stored-scores endpoints, shared by the server and the web app.

/** A computation of the scores. */
export const scoresRunSchema = z.object({
  id: z.string(),
  trigger: z.string().meta({ description: 'schedule, request or settings' }),
  status: z.enum(['running', 'done', 'failed']),
  asOf: z.string().meta({ description: 'The local day the scores are computed for' }),
  customers: z.number().int().nullable(),
  changed: z.number().int().nullable().meta({ description: 'Customers whose lifecycle stage changed' }),
  written: z.number().int().nullable().meta({ description: 'Customers whose stored scores changed' }),
  phases: z.record(z.string(), z.number()).nullable().meta({ description: 'Milliseconds per phase: read, churnWindow, fit, score, write' }),
  error: z.string().nullable(),
  startedAt: z.number().int(),
  finishedAt: z.number().int().nullable(),
});

/** GET /analytics/scores: the latest computations. */
export const scoresStatusSchema = z.object({
  running: z.boolean(),
  lastComputedAt: z.number().int().nullable().meta({ description: 'When the last successful computation finished' }),
  everyHours: z.number().meta({ description: 'Hours between scheduled computations (0: only on request)' }),
  runs: z.array(scoresRunSchema),
});

/** One customer's stored scores. */
export const customerScoresSchema = z.object({
  computedAt: z.number().int(),
  rfm: z.object({ r: z.number().int(), f: z.number().int(), m: z.number().int(), segment: z.enum(rfmSegments) }).nullable(),
  abc: z.enum(['A', 'B', 'C']).nullable(),
  xyz: z.enum(['X', 'Y', 'Z']).nullable(),
  stage: z.enum(lifecycleStages),
  stageSince: z.string().nullable(),
  pAlive: z.number().nullable(),
  expected30: z.number().nullable(),
  expected90: z.number().nullable(),
  expected365: z.number().nullable(),
  predictedClv: z.number().int().nullable().meta({ description: 'Minor units' }),
  transitions: z.array(z.object({ from: z.enum(lifecycleStages).nullable(), to: z.enum(lifecycleStages), day: z.string() })),
});

const summaryClvCustomer = z.object({
  customerId: z.number().int(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  pAlive: z.number(),
  predictedClv: z.number().int().nullable(),
  historicRevenue: z.number().int(),
  observedDays: z.number().int().nullable().meta({ description: 'Days from the first purchase to the computation’s day (null in a summary kept before it was)' }),
  purchaseDays: z.number().int().nullable().meta({ description: 'Distinct days with a purchase (null in a summary kept before it was)' }),
});

/** GET /analytics/summary: what the latest computation of the scores adds up to. */
export const scoresSummarySchema = z
  .object({
    asOf: z.string().meta({ description: 'The local day the scores were computed for' }),
    indexLastDay: z.string().meta({ description: 'The last day the KPI index of this computation counts (the day before asOf)' }),
    computedAt: z.number().int().meta({ description: 'When the computation finished' }),
    customers: z.number().int(),
    buyers: z.number().int().meta({ description: 'Customers with a purchase: those RFM, ABC/XYZ and CLV score' }),
    revenue: z.number().int().meta({ description: 'Net revenue of all purchases, minor units' }),
    rfm: rfmAnalysisSchema.pick({ cells: true, segments: true, frequencyCuts: true }),
    abcXyz: abcXyzAnalysisSchema.pick({ cells: true, golden: true, pareto: true }),
    stages: stageCountsSchema,
    churnDays: z.number().int().meta({ description: 'The churn window of the computation: the configured one, or learned from the gaps between purchases' }),
    loyalPurchases: z.number().int().meta({ description: 'Purchase days that make a customer loyal' }),
    lifetime: z.object({
      churnedAverageDays: z.number().nullable().meta({ description: 'Average days from the first to the last purchase of the churned buyers (lifetimes that ended)' }),
      tenureAverageDays: z.number().nullable().meta({ description: 'Average days from the first purchase to the as-of day, of all buyers' }),
    }),
    clv: z.object({
      model: z.object({ r: z.number(), alpha: z.number(), a: z.number(), b: z.number(), p: z.number().optional(), q: z.number().optional(), gamma: z.number().optional() }).nullable(),
      months: z.number().int().meta({ description: 'Months ahead the predicted CLV covers' }),
      monthlyDiscount: z.number(),
      atRiskCustomers: z.number().int().meta({ description: 'Buyers with P(alive) within atRiskBand' }),
      totalPredictedClv: z.number().int(),
      deciles: z.array(z.number().int()).meta({ description: 'Predicted CLV at the 10th, 20th … 100th percentile (the highest of each tenth), minor units' }),
      decileGroups: clvDecileGroupsSchema,
      minObservedDays: z.number().int().meta({ description: 'Days of history before a buyer is ranked among the most valuable' }),
      atRiskBand: clvAtRiskBandSchema,
      top: z.array(summaryClvCustomer).meta({ description: 'Highest predicted CLV first, of buyers with at least minObservedDays of history' }),
      topShortHistory: z.array(summaryClvCustomer).meta({ description: 'Highest predicted CLV first, of buyers with a shorter history (a less certain forecast)' }),
      atRisk: z.array(summaryClvCustomer).meta({ description: 'P(alive) within atRiskBand, the highest historic revenue first' }),
    }),
  })
  .nullable();
