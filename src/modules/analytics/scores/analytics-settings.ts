import { z } from 'zod';

// A workspace's analytics rules: the RFM thresholds (or quintiles), the ABC/XYZ cut points, the
// lifecycle rules and the CLV horizon. The stored scores are computed with them, and the analysis
// screens start from them.

const ascending4 = z
  .tuple([z.number().min(0), z.number().min(0), z.number().min(0), z.number().min(0)])
  .refine((cuts) => cuts.every((v, i) => i === 0 || v > cuts[i - 1]), { message: 'must be four ascending numbers' });
const shareCuts = z
  .tuple([z.number().gt(0).lt(1), z.number().gt(0).lt(1)])
  .refine(([a, b]) => a < b, { message: 'the first cut must be below the second' });

/** The settings as stored and as the API takes them. */
export const analyticsSettingsSchema = z.object({
  rfm: z.object({
    /** null: quintiles. Recency in days, frequency in purchase days, monetary in minor units. */
    thresholds: z.object({ recency: ascending4, frequency: ascending4, monetary: ascending4 }).nullable(),
    /**
     * With quintiles for R and M, F by purchase days: at least the last scores 5, below the first
     * scores 1 (default 2, 3, 4, 6: F 1 one day, 2 two, 3 three, 4 four or five, 5 six or more); null:
     * quintiles of frequency too. Settings kept before this rule read as the default.
     */
    frequencyCuts: ascending4.nullable().default([2, 3, 4, 6]),
  }),
  abcXyz: z.object({
    /** Cumulative revenue shares closing A and B. */
    abcCuts: shareCuts,
    /** Cumulative purchase shares closing X and Y. */
    xyzCuts: shareCuts,
  }),
  lifecycle: z.object({
    /** Days without a purchase after which a customer has churned; null: derived from the time between purchases. */
    churnDays: z.number().int().min(1).max(3650).nullable(),
    /** Purchase days that make an active customer loyal. */
    loyalPurchases: z.number().int().min(2).max(1000),
  }),
  clv: z.object({
    /** Months ahead the predicted CLV covers. */
    months: z.number().int().min(1).max(120),
    /** Discount rate per month. */
    monthlyDiscount: z.number().min(0).max(1),
  }),
});

/** A workspace's analytics settings. */
export type AnalyticsSettings = z.infer<typeof analyticsSettingsSchema>;

/** The settings of a workspace that never changed them. */
export const defaultAnalyticsSettings: AnalyticsSettings = {
  rfm: { thresholds: null, frequencyCuts: [2, 3, 4, 6] },
  abcXyz: { abcCuts: [0.8, 0.95], xyzCuts: [0.8, 0.95] },
  lifecycle: { churnDays: null, loyalPurchases: 3 },
  clv: { months: 12, monthlyDiscount: 0.01 },
};
