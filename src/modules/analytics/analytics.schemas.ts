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
