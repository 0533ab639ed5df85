import type { LifecycleStage, StageCountsOnDay, StageFlow } from '../analytics.types.js';

// Figures of the lifecycle screen derived from the API's answer: the stage totals on the first and
// the last day (the two columns of the Sankey diagram) and which stages are worth a place on screen.

/** The stages in the order of a customer's life with the shop, churned last. */
export const stageOrder: readonly LifecycleStage[] = ['potential', 'new', 'repeat', 'loyal', 'advocate', 'returned', 'churned'];

/** Customers in a stage on the first and on the last day of the period. */
export interface StageTotals {
  stage: LifecycleStage;
  first: number;
  last: number;
}

/** Customers per stage on the first and the last day: the flows summed by where they start and where they end. */
export function stageTotals(flows: readonly StageFlow[]): StageTotals[] {
  return stageOrder.map((stage) => ({
    stage,
    first: flows.reduce((sum, f) => sum + (f.from === stage ? f.customers : 0), 0),
    last: flows.reduce((sum, f) => sum + (f.to === stage ? f.customers : 0), 0),
  }));
}

/**
 * The stages to show: all but brand advocates, who need NPS answers or referrals the product does
 * not collect yet, unless someone is one.
 */
export function shownStages(counts: readonly StageCountsOnDay[]): LifecycleStage[] {
  return stageOrder.filter((stage) => stage !== 'advocate' || counts.some((c) => c.advocate > 0));
}

/** Whether anyone had bought by the end of the period (otherwise every customer is potential). */
export function anyPurchases(counts: readonly StageCountsOnDay[]): boolean {
  const last = counts[counts.length - 1];
  return last !== undefined && stageOrder.some((stage) => stage !== 'potential' && last[stage] > 0);
}
