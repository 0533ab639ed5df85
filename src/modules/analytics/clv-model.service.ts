import type { Db } from '../../platform/db/database.js';
import { invalid } from '../../platform/errors.js';
import { fractionDigits } from '../../shared/money.js';
import type { WorkspacesService } from '../workspaces/workspaces.service.js';
import { AnalyticsRepo, type PurchaseDaysRow } from './analytics.repo.js';
import { parseDay } from './days.js';
import { expectedPurchases, fitBgNbd, probabilityAlive, type RfmSummary } from './clv/bg-nbd.js';
import { expectedSpend, fitGammaGamma, type SpendSummary } from './clv/gamma-gamma.js';
import { predictedClv } from './clv/predicted-clv.js';

/** The time unit of x, t_x and T. */
export type ClvUnit = 'day' | 'week';

/** The fitted BG/NBD and Gamma-Gamma models of a workspace for a calibration period. */
export interface ClvModel {
  calibrationEnd: string;
  unit: ClvUnit;
  r: number;
  alpha: number;
  a: number;
  b: number;
  p: number | null;
  q: number | null;
  gamma: number | null;
  logLikelihood: { bgNbd: number; gammaGamma: number | null };
  /** Customers with a purchase by the end of the calibration period. */
  customers: number;
  /** Of them, customers with a repeat purchase day (the Gamma-Gamma model's data). */
  repeatCustomers: number;
}

const daysPer: Record<ClvUnit, number> = { day: 1, week: 7 };

/** The predicted CLV of a workspace, for the CLV screen. */
export interface ClvPredictions {
  calibrationEnd: string;
  unit: ClvUnit;
  months: number;
  monthlyDiscount: number;
  customers: number;
  /** Minor units. */
  totalPredictedClv: number;
  /** Predicted CLV at the 10th … 100th percentile, minor units. */
  deciles: number[];
  top: CustomerClvScore[];
  atRisk: CustomerClvScore[];
}

/** One customer's predictive scores. */
export interface CustomerClvScore {
  customerId: number;
  pAlive: number;
  expected30: number;
  expected90: number;
  expected365: number;
  /** Minor units; null when the spend model could not be fitted. */
  predictedClv: number | null;
  /** Net revenue up to the end of the calibration period, minor units. */
  historicRevenue: number;
}

/** One customer's history in model terms: repeat purchase days, times in the unit, mean repeat value in money units. */
export function toModelSummary(row: PurchaseDaysRow, endDay: number, unit: ClvUnit, minorPerMajor: number): RfmSummary & SpendSummary {
  const x = row.days - 1;
  return {
    x,
    tx: (row.last_day - row.first_day) / daysPer[unit],
    T: (endDay - row.first_day) / daysPer[unit],
    meanValue: x > 0 ? (row.value - row.first_day_value) / x / minorPerMajor : 0,
  };
}

/** Fits the predictive CLV models on a workspace's orders. */
export class ClvModelService {
  constructor(
    private readonly db: Db,
    private readonly workspaces: WorkspacesService,
  ) {}

  /** Fits BG/NBD (and Gamma-Gamma where there are repeat purchases) on the orders up to `calibrationEnd` (YYYY-MM-DD, the workspace's local day). */
  async fit(workspaceId: string, calibrationEnd: string, unit: ClvUnit): Promise<ClvModel> {
    const { bgNbd, gammaGamma, summaries, repeat } = await this.fitted(workspaceId, calibrationEnd, unit);
    return {
      calibrationEnd,
      unit,
      ...bgNbd.params,
      p: gammaGamma?.params.p ?? null,
      q: gammaGamma?.params.q ?? null,
      gamma: gammaGamma?.params.gamma ?? null,
      logLikelihood: { bgNbd: bgNbd.logLikelihood, gammaGamma: gammaGamma?.logLikelihood ?? null },
      customers: summaries.length,
      repeatCustomers: repeat,
    };
  }

  /**
   * Per customer, from the models fitted up to `calibrationEnd`: P(alive), the purchases expected in
   * the next 30, 90 and 365 days, and the CLV predicted over the horizon (null without repeat
   * purchases in the workspace to fit the spend model on).
   */
  async customerScores(workspaceId: string, calibrationEnd: string, unit: ClvUnit, horizon: { months: number; monthlyDiscount: number }): Promise<CustomerClvScore[]> {
    const { bgNbd, gammaGamma, summaries, rows, minorPerMajor } = await this.fitted(workspaceId, calibrationEnd, unit);
    const perDay = 1 / daysPer[unit];
    const clvHorizon = { ...horizon, unitsPerMonth: 30.4375 * perDay };
    return summaries.map((s, i) => {
      const spend = gammaGamma ? expectedSpend(gammaGamma.params, s) : null;
      return {
        customerId: rows[i].customer_id,
        pAlive: probabilityAlive(bgNbd.params, s),
        expected30: expectedPurchases(bgNbd.params, s, 30 * perDay),
        expected90: expectedPurchases(bgNbd.params, s, 90 * perDay),
        expected365: expectedPurchases(bgNbd.params, s, 365 * perDay),
        // Money back in minor units, as everywhere in the API.
        predictedClv: spend === null ? null : Math.round(predictedClv(bgNbd.params, s, spend, clvHorizon) * minorPerMajor),
        historicRevenue: rows[i].value,
      };
    });
  }

  /** The predicted CLV of the workspace: total, deciles, the `limit` most valuable customers and the `limit` valuable ones at risk (P(alive) under 50 %). */
  async predictions(workspaceId: string, calibrationEnd: string, unit: ClvUnit, horizon: { months: number; monthlyDiscount: number }, limit: number): Promise<ClvPredictions> {
    const scores = await this.customerScores(workspaceId, calibrationEnd, unit, horizon);
    const values = scores.map((s) => s.predictedClv ?? 0).sort((a, b) => a - b);
    const byClv = [...scores].sort((a, b) => (b.predictedClv ?? 0) - (a.predictedClv ?? 0));
    const atRisk = scores.filter((s) => s.pAlive < 0.5).sort((a, b) => b.historicRevenue - a.historicRevenue);
    return {
      calibrationEnd,
      unit,
      ...horizon,
      customers: scores.length,
      totalPredictedClv: values.reduce((sum, v) => sum + v, 0),
      deciles: Array.from({ length: 10 }, (_, i) => values[Math.min(values.length - 1, Math.ceil(((i + 1) / 10) * values.length) - 1)] ?? 0),
      top: byClv.slice(0, limit),
      atRisk: atRisk.slice(0, limit),
    };
  }

  private async fitted(workspaceId: string, calibrationEnd: string, unit: ClvUnit) {
    const workspace = await this.workspaces.get(workspaceId);
    const endDay = parseDay(calibrationEnd, 'calibrationEnd');
    const rows = await new AnalyticsRepo(this.db.kysely).histories(workspaceId, endDay);
    if (rows.length === 0) throw invalid('calibrationEnd', 'no purchases on or before this day');
    const minorPerMajor = 10 ** fractionDigits(workspace.currency);
    const summaries = rows.map((row) => toModelSummary(row, endDay, unit, minorPerMajor));
    const bgNbd = fitBgNbd(summaries);
    const repeat = summaries.filter((s) => s.x > 0 && s.meanValue > 0);
    const gammaGamma = repeat.length > 0 ? fitGammaGamma(repeat) : null;
    return { bgNbd, gammaGamma, summaries, rows, minorPerMajor, repeat: repeat.length };
  }
}
