import type { Db } from '../../platform/db/database.js';
import { invalid } from '../../platform/errors.js';
import { fractionDigits } from '../../common/money.js';
import type { WorkspacesService } from '../workspaces/workspaces.service.js';
import { AnalyticsRepo, type PurchaseDaysRow } from './analytics.repo.js';
import { parseDay } from './days.js';
import { expectedPurchases, fitBgNbd, probabilityAlive, type RfmSummary } from './clv/bg-nbd.js';
import { expectedSpend, fitGammaGamma, type SpendSummary } from './clv/gamma-gamma.js';
import { predictedClv } from './clv/predicted-clv.js';
import { atRiskBand, type DecileGroup, decileEdges, decileGroups, hasShortHistory, isAtRisk, minObservedDays } from './clv/clv-lists.js';
import { type CustomerName, type CustomerNames, nameLookup } from './clv/customer-names.js';

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
  /** Each tenth of the customers by predicted CLV, the lowest first: size, sum and mean. */
  decileGroups: DecileGroup[];
  /** Days of history before a customer is ranked among the most valuable. */
  minObservedDays: number;
  /** The P(alive) of a repeat buyer at risk. */
  atRiskBand: { min: number; max: number };
  /** The highest predicted CLV among customers with at least minObservedDays of history. */
  top: ListedClvCustomer[];
  /** The highest predicted CLV among customers with a shorter history: a less certain forecast, ranked apart. */
  topShortHistory: ListedClvCustomer[];
  /** Valuable customers at risk: P(alive) within atRiskBand, the highest historic revenue first. */
  atRisk: ListedClvCustomer[];
}

/** A customer in the CLV lists, named. */
export type ListedClvCustomer = CustomerClvScore & CustomerName;

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
  /** Days from the first purchase to the end of the calibration period. */
  observedDays: number;
  /** Distinct days with a purchase. */
  purchaseDays: number;
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
    private readonly customers: CustomerNames,
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
    const { bgNbd, gammaGamma, summaries, rows, minorPerMajor, endDay } = await this.fitted(workspaceId, calibrationEnd, unit);
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
        observedDays: endDay - rows[i].first_day,
        purchaseDays: rows[i].days,
      };
    });
  }

  /**
   * The predicted CLV of the workspace: total, deciles, and three lists of `limit` named customers:
   * the most valuable with enough history, the most valuable with a short one, and the valuable ones
   * at risk (docs/analytics.md, "Predicted CLV").
   */
  async predictions(workspaceId: string, calibrationEnd: string, unit: ClvUnit, horizon: { months: number; monthlyDiscount: number }, limit: number): Promise<ClvPredictions> {
    const scores = await this.customerScores(workspaceId, calibrationEnd, unit, horizon);
    const values = scores.map((s) => s.predictedClv ?? 0).sort((a, b) => a - b);
    const byClv = [...scores].sort((a, b) => (b.predictedClv ?? 0) - (a.predictedClv ?? 0) || a.customerId - b.customerId);
    const top = byClv.filter((s) => !hasShortHistory(s.observedDays)).slice(0, limit);
    const topShortHistory = byClv.filter((s) => hasShortHistory(s.observedDays)).slice(0, limit);
    const atRisk = scores
      .filter((s) => isAtRisk(s.pAlive))
      .sort((a, b) => b.historicRevenue - a.historicRevenue || a.customerId - b.customerId)
      .slice(0, limit);
    const named = await nameLookup(this.customers, workspaceId, [...top, ...topShortHistory, ...atRisk].map((s) => s.customerId));
    return {
      calibrationEnd,
      unit,
      ...horizon,
      customers: scores.length,
      totalPredictedClv: values.reduce((sum, v) => sum + v, 0),
      deciles: decileEdges(values),
      decileGroups: decileGroups(values),
      minObservedDays,
      atRiskBand: { ...atRiskBand },
      top: top.map(named),
      topShortHistory: topShortHistory.map(named),
      atRisk: atRisk.map(named),
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
    return { bgNbd, gammaGamma, summaries, rows, minorPerMajor, endDay, repeat: repeat.length };
  }
}
