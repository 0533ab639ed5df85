import { z } from 'zod';

// Contracts of the analytics endpoints, shared by the server and the web app.

/** Query of GET /analytics/clv/model. */
export const clvModelQuerySchema = z.object({
  calibrationEnd: z.string().max(10).meta({ description: 'Last day of the calibration period, YYYY-MM-DD (the workspace’s local day); orders up to and including it are used' }),
  unit: z.enum(['day', 'week']).default('week').meta({ description: 'Time unit of t_x, T and the rates' }),
});

/** The fitted BG/NBD and Gamma-Gamma parameters. */
export const clvModelSchema = z.object({
  calibrationEnd: z.string(),
  unit: z.enum(['day', 'week']),
  r: z.number().meta({ description: 'BG/NBD: shape of the Gamma distribution of purchase rates' }),
  alpha: z.number().meta({ description: 'BG/NBD: scale of the Gamma distribution of purchase rates, in the unit' }),
  a: z.number().meta({ description: 'BG/NBD: Beta distribution of the drop-out probability' }),
  b: z.number().meta({ description: 'BG/NBD: Beta distribution of the drop-out probability' }),
  p: z.number().nullable().meta({ description: 'Gamma-Gamma: shape of spend per transaction; null without repeat purchases' }),
  q: z.number().nullable().meta({ description: 'Gamma-Gamma: shape of the Gamma distribution of ν' }),
  gamma: z.number().nullable().meta({ description: 'Gamma-Gamma: scale of the Gamma distribution of ν, in the workspace currency' }),
  logLikelihood: z.object({ bgNbd: z.number(), gammaGamma: z.number().nullable() }),
  customers: z.number().int().meta({ description: 'Customers with a purchase by the end of the calibration period' }),
  repeatCustomers: z.number().int().meta({ description: 'Of them, customers with a repeat purchase day' }),
});

// Four ascending cut points, "7,30,90,180".
const cutPoints = (what: string) =>
  z
    .string()
    .max(200)
    .transform((text, ctx) => {
      const values = text.split(',').map((v) => Number(v.trim()));
      if (values.length !== 4 || values.some((v) => !Number.isFinite(v)) || values.some((v, i) => i > 0 && v <= values[i - 1])) {
        ctx.addIssue({ code: 'custom', message: 'must be four ascending numbers separated by commas, e.g. 7,30,90,180' });
        return z.NEVER;
      }
      return values as [number, number, number, number];
    })
    .optional()
    .meta({ description: what });

/** Query of GET /analytics/rfm. */
export const rfmQuerySchema = z.object({
  asOf: z.string().max(10).meta({ description: 'Day the analysis is made on, YYYY-MM-DD; recency counts days up to it' }),
  from: z.string().max(10).optional().meta({ description: 'First day of the period, YYYY-MM-DD; all history when absent' }),
  recency: cutPoints('Own recency thresholds in days: at most the first scores 5, more than the last scores 1'),
  frequency: cutPoints('Own frequency thresholds in purchase days: at least the last scores 5, below the first scores 1'),
  monetary: cutPoints('Own monetary thresholds in minor units: at least the last scores 5, below the first scores 1'),
});

const share = z.number().min(0).max(1);
const span = z.tuple([z.number(), z.number()]);

/** The lowest and highest measure and score among a segment's members, so its description can be checked. */
export const rfmMemberRangesSchema = z
  .object({
    recencyDays: span,
    purchaseDays: span.meta({ description: 'Purchase days in the period' }),
    r: span,
    f: span,
    m: span,
    firstPurchaseOnly: z.number().int().meta({ description: 'Members whose one purchase day is their first ever' }),
  })
  .nullable()
  .meta({ description: 'null without members' });

/** The RFM analysis: R×F heatmap and segment table. */
export const rfmAnalysisSchema = z.object({
  asOf: z.string(),
  from: z.string().nullable(),
  scoring: z.enum(['quintiles', 'thresholds']),
  frequencyCuts: z
    .tuple([z.number(), z.number(), z.number(), z.number()])
    .nullable()
    .meta({ description: 'With quintiles for R and M: the purchase days F 2, 3, 4 and 5 start at (null: F by quintiles too)' }),
  churnDays: z.number().int().meta({ description: "The workspace's churn window: customers whose last purchase is longer ago are in the lapsed segments" }),
  loyalPurchases: z.number().int().meta({ description: 'Purchase days that make a customer loyal (the lifecycle rule)' }),
  customers: z.number().int(),
  revenue: z.number().int().meta({ description: 'Minor units' }),
  cells: z.array(z.object({ r: z.number().int(), f: z.number().int(), customers: z.number().int(), revenue: z.number().int() })).meta({
    description: 'All 25 R×F cells, R from 5 down, F from 1 up',
  }),
  segments: z.array(
    z.object({
      segment: z.enum(['vip', 'loyal', 'promising', 'new', 'needsAttention', 'churnedLoyal', 'sleeping']),
      customers: z.number().int(),
      customerShare: share,
      revenue: z.number().int(),
      revenueShare: share,
      avgCheck: z.number().int().meta({ description: 'Revenue per order, minor units' }),
      clv: z.number().int().meta({ description: 'Historic CLV: revenue per customer in the period, minor units' }),
      members: rfmMemberRangesSchema,
    }),
  ),
});

// Two ascending shares in (0, 1], "0.8,0.95".
const twoCuts = (what: string) =>
  z
    .string()
    .max(50)
    .transform((text, ctx) => {
      const values = text.split(',').map((v) => Number(v.trim()));
      if (values.length !== 2 || values.some((v) => !Number.isFinite(v) || v <= 0) || values[0] >= values[1]) {
        ctx.addIssue({ code: 'custom', message: 'must be two ascending positive numbers separated by a comma, e.g. 0.8,0.95' });
        return z.NEVER;
      }
      return values as [number, number];
    })
    .optional()
    .meta({ description: what });

/** Query of GET /analytics/abc-xyz. */
export const abcXyzQuerySchema = z.object({
  asOf: z.string().max(10).meta({ description: 'Last day of the period, YYYY-MM-DD' }),
  from: z.string().max(10).optional().meta({ description: 'First day of the period, YYYY-MM-DD; all history when absent (required with xyz=cv)' }),
  xyz: z.enum(['share', 'cv']).default('share').meta({ description: 'share: by share of purchases (X 80 %, Y 15 %, Z 5 %); cv: by the coefficient of variation of monthly purchases' }),
  abcCuts: twoCuts('Cumulative revenue shares closing A and B; default 0.8,0.95'),
  xyzCuts: twoCuts('Cumulative purchase shares closing X and Y (default 0.8,0.95), or with xyz=cv the variation limits of X and Y (default 0.1,0.25)'),
});

/** The ABC/XYZ analysis: 3×3 matrix, golden customers and the Pareto curve. */
export const abcXyzAnalysisSchema = z.object({
  asOf: z.string(),
  from: z.string().nullable(),
  xyzMethod: z.enum(['share', 'cv']),
  customers: z.number().int(),
  revenue: z.number().int().meta({ description: 'Minor units' }),
  cells: z.array(
    z.object({ abc: z.enum(['A', 'B', 'C']), xyz: z.enum(['X', 'Y', 'Z']), customers: z.number().int(), revenue: z.number().int(), golden: z.boolean() }),
  ).meta({ description: 'AX, AY, AZ, BX … CZ' }),
  golden: z.object({ customers: z.number().int(), revenue: z.number().int(), revenueShare: share }).meta({ description: 'AX and AY together' }),
  pareto: z.array(z.object({ customerShare: share, revenueShare: share })).meta({ description: 'Share of revenue of the top share of customers, at 101 points' }),
});

/** Query of GET /analytics/kpis. */
export const kpiQuerySchema = z.object({
  from: z.string().max(10).meta({ description: 'First day of the period, YYYY-MM-DD' }),
  to: z.string().max(10).meta({ description: 'Last day of the period, YYYY-MM-DD' }),
  activeDays: z.coerce.number().int().min(1).max(3650).optional().meta({
    description: "A customer is active on a day when they bought in this many days up to it; the workspace's churn window when absent (the one the lifecycle stages use)",
  }),
});

const ratio = z.number().nullable();
const periodKpis = z.object({
  from: z.string(),
  to: z.string(),
  start: z.number().int().meta({ description: 'S: active customers at the start' }),
  end: z.number().int().meta({ description: 'E: active customers at the end' }),
  new: z.number().int().meta({ description: 'N: customers whose first purchase is in the period' }),
  buyers: z.number().int(),
  repeatBuyers: z.number().int(),
  orders: z.number().int(),
  revenue: z.number().int().meta({ description: 'Minor units' }),
  retentionRate: ratio.meta({ description: '(E − N) / S as a fraction; null when S = 0' }),
  churnRate: ratio,
  repeatPurchaseRate: ratio,
  averageCheck: z.number().int().nullable().meta({ description: 'Minor units' }),
  purchaseFrequency: ratio.meta({ description: 'Orders per buyer' }),
  revenuePerCustomer: z.number().int().nullable().meta({ description: 'Minor units' }),
});

/** The KPIs of a period and of the period before it. */
export const kpiComparisonSchema = z.object({
  activeDays: z.number().int().meta({ description: 'The activity window the counts used: the churn window of the lifecycle stages unless given' }),
  source: z.enum(['index', 'indexAndOrders', 'orders']).meta({
    description:
      'index: counted from the KPI index of the last computation of the scores (instant; complete days up to indexLastDay); indexAndOrders: the KPI index, corrected by the customers who bought after indexLastDay (exact up to now; reads the orders of those days); orders: counted from all orders (exact up to now, slower on large workspaces)',
  }),
  indexLastDay: z.string().nullable().meta({ description: 'The last day the KPI index counts; null before the first computation' }),
  current: periodKpis,
  previous: periodKpis.meta({
    description: 'Whole calendar months (a month, a quarter, a year) compare with as many calendar months just before; any other period with the same number of days just before',
  }),
});

/** Query of GET /analytics/lifecycle. */
export const lifecycleQuerySchema = z.object({
  from: z.string().max(10).meta({ description: 'First day, YYYY-MM-DD: the flows start here' }),
  to: z.string().max(10).meta({ description: 'Last day, YYYY-MM-DD' }),
  churnDays: z.coerce.number().int().min(1).max(3650).optional().meta({
    description: "Days without a purchase after which a customer has churned; when absent, the workspace's one window (the configured one, or the last computation's)",
  }),
  loyalPurchases: z.coerce.number().int().min(2).max(100).optional().meta({ description: "Purchase days that make an active customer loyal; the workspace's rule when absent" }),
});

const stageEnum = z.enum(['potential', 'new', 'repeat', 'loyal', 'advocate', 'churned', 'returned']);
export const stageCountsSchema = z.object({
  potential: z.number().int(), new: z.number().int(), repeat: z.number().int(), loyal: z.number().int(),
  advocate: z.number().int(), churned: z.number().int(), returned: z.number().int(),
});

/** Lifecycle stage counts over time and the flows between two days. */
export const lifecycleAnalysisSchema = z.object({
  from: z.string(),
  to: z.string(),
  rules: z.object({
    churnDays: z.number().int(),
    loyalPurchases: z.number().int(),
    churnDaysDerived: z.boolean().meta({ description: 'The window was learned from the gaps between purchases (not configured, not given)' }),
    churnDaysSource: z.enum(['request', 'settings', 'computation', 'orders']).meta({
      description: 'request: given in the query; settings: configured; computation: learned by the last computation of the scores (the window every screen uses); orders: learned now, before any computation',
    }),
  }),
  counts: z.array(stageCountsSchema.extend({ day: z.string() })).meta({ description: 'At the end of each month of the period and on its last day' }),
  flows: z.array(z.object({ from: stageEnum, to: stageEnum, customers: z.number().int() })).meta({ description: 'Stage on `from` to stage on `to`, for a Sankey diagram' }),
});

/** Query of GET /analytics/cohorts. */
export const cohortsQuerySchema = z.object({
  from: z.string().max(7).meta({ description: 'First cohort month, YYYY-MM' }),
  to: z.string().max(7).meta({ description: 'Last cohort month, YYYY-MM; every cohort is followed up to its end' }),
});

/** Cohort retention by first-purchase month. */
export const cohortAnalysisSchema = z.object({
  from: z.string(),
  to: z.string(),
  lastDay: z.string().meta({ description: 'The last day counted: the end of `to`, or today (the workspace’s local day) while `to` has not ended' }),
  incompleteMonth: z
    .string()
    .nullable()
    .meta({ description: 'Today’s month when the range reaches it (YYYY-MM): its figures count the days so far, so a lower share there is not yet a fall' }),
  cohorts: z.array(
    z.object({
      month: z.string(),
      customers: z.number().int().meta({ description: 'Customers whose first purchase is in this month' }),
      retention: z.array(share).meta({ description: 'Share of the cohort with a purchase k months later (k = 0 is its own month), up to `to` or today’s month' }),
    }),
  ),
});

/** Query of GET /analytics/clv/customers. */
export const clvCustomersQuerySchema = clvModelQuerySchema.extend({
  months: z.coerce.number().int().min(1).max(120).default(12).meta({ description: 'Horizon of the predicted CLV, months' }),
  monthlyDiscount: z.coerce.number().min(0).max(1).default(0.01).meta({ description: 'Discount rate per month' }),
  limit: z.coerce.number().int().min(1).max(500).default(20).meta({ description: 'Customers in each list' }),
});

const customerScoreSchema = z.object({
  customerId: z.number().int(),
  firstName: z.string().nullable(),
  lastName: z.string().nullable(),
  pAlive: share,
  expected30: z.number().meta({ description: 'Purchases expected in the next 30 days' }),
  expected90: z.number(),
  expected365: z.number(),
  predictedClv: z.number().int().nullable().meta({ description: 'Minor units, discounted; null without repeat purchases in the workspace' }),
  historicRevenue: z.number().int().meta({ description: 'Net revenue up to the end of the calibration period, minor units' }),
  observedDays: z.number().int().meta({ description: 'Days from the first purchase to the end of the calibration period' }),
  purchaseDays: z.number().int().meta({ description: 'Distinct days with a purchase' }),
});

/** Each tenth of the customers by predicted CLV, the lowest first. */
export const clvDecileGroupsSchema = z
  .array(
    z.object({
      customers: z.number().int(),
      total: z.number().int().meta({ description: 'Sum of their predicted CLV, minor units' }),
      mean: z.number().int().meta({ description: 'Mean predicted CLV, minor units (0 for an empty tenth)' }),
    }),
  )
  .meta({ description: 'Ten groups of customers by predicted CLV, lowest first: group k holds ranks ⌈k·n/10⌉ to ⌈(k+1)·n/10⌉ − 1' });

/** The P(alive) band of a repeat buyer at risk. */
export const clvAtRiskBandSchema = z
  .object({ min: share, max: share })
  .meta({ description: 'A repeat buyer is at risk while their P(alive) is within [min, max]: below, most likely gone; above, most likely still buying' });

/** Predicted CLV: its distribution, the most valuable customers and the valuable ones at risk. */
export const clvCustomersSchema = z.object({
  calibrationEnd: z.string(),
  unit: z.enum(['day', 'week']),
  months: z.number().int(),
  monthlyDiscount: z.number(),
  customers: z.number().int(),
  totalPredictedClv: z.number().int().meta({ description: 'Minor units' }),
  deciles: z.array(z.number().int()).meta({ description: 'Predicted CLV at the 10th, 20th … 100th percentile (the highest of each tenth), minor units' }),
  decileGroups: clvDecileGroupsSchema,
  minObservedDays: z.number().int().meta({ description: 'Days of history before a customer is ranked among the most valuable' }),
  atRiskBand: clvAtRiskBandSchema,
  top: z.array(customerScoreSchema).meta({ description: 'Highest predicted CLV first, of customers with at least minObservedDays of history' }),
  topShortHistory: z
    .array(customerScoreSchema)
    .meta({ description: 'Highest predicted CLV first, of customers with a shorter history: BG/NBD extrapolates a short burst of purchases, so these forecasts are less certain' }),
  atRisk: z.array(customerScoreSchema).meta({ description: 'P(alive) within atRiskBand, the highest historic revenue first' }),
});
