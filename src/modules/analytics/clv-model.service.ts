import type { Db } from '../../platform/db/database.js';
import { invalid } from '../../platform/errors.js';
import { fractionDigits } from '../ingest/money.js';
import type { WorkspacesService } from '../workspaces/workspaces.service.js';
import { AnalyticsRepo, type PurchaseDaysRow } from './analytics.repo.js';
import { parseDay } from './days.js';
import { fitBgNbd, type RfmSummary } from './clv/bg-nbd.js';
import { fitGammaGamma, type SpendSummary } from './clv/gamma-gamma.js';

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
    const workspace = await this.workspaces.get(workspaceId);
    const endDay = parseDay(calibrationEnd, 'calibrationEnd');
    const rows = await new AnalyticsRepo(this.db.kysely).purchaseDays(workspaceId, endDay);
    if (rows.length === 0) throw invalid('calibrationEnd', 'no purchases on or before this day');
    const minorPerMajor = 10 ** fractionDigits(workspace.currency);
    const summaries = rows.map((row) => toModelSummary(row, endDay, unit, minorPerMajor));
    const bgNbd = fitBgNbd(summaries);
    const repeat = summaries.filter((s) => s.x > 0 && s.meanValue > 0);
    const gammaGamma = repeat.length > 0 ? fitGammaGamma(repeat) : null;
    return {
      calibrationEnd,
      unit,
      ...bgNbd.params,
      p: gammaGamma?.params.p ?? null,
      q: gammaGamma?.params.q ?? null,
      gamma: gammaGamma?.params.gamma ?? null,
      logLikelihood: { bgNbd: bgNbd.logLikelihood, gammaGamma: gammaGamma?.logLikelihood ?? null },
      customers: summaries.length,
      repeatCustomers: repeat.length,
    };
  }
}
