import { toMinorUnits } from '../../format/format.js';
import type { ListState } from '../customers/list-state.js';
import type { Condition, RuleGroup } from './segments.types.js';

// "Save as segment": the rule that picks the same customers as a screen's filter or cell.

const all = (rules: RuleGroup['rules']): RuleGroup => ({ kind: 'group', combinator: 'and', rules });

/** The customers of an RFM group. */
export function rfmRule(segment: string): RuleGroup {
  return all([{ kind: 'class', score: 'rfmSegment', in: [segment] }]);
}

/** The customers of ABC/XYZ cells ("AX"; several cells are any of them). */
export function abcXyzRule(cells: readonly string[]): RuleGroup {
  const cell = (c: string): Condition[] => [{ kind: 'class', score: 'abc', in: [c.charAt(0)] }, { kind: 'class', score: 'xyz', in: [c.charAt(1)] }];
  const first = cells[0];
  if (cells.length === 1 && first) return all(cell(first));
  return { kind: 'group', combinator: 'or', rules: cells.map((c) => all(cell(c))) };
}

/** The customers in a lifecycle stage. */
export function stageRule(stage: string): RuleGroup {
  return all([{ kind: 'class', score: 'stage', in: [stage] }]);
}

/**
 * The valuable customers at risk as the CLV screen lists them: a P(alive) within the band, ends
 * included (a one-time buyer's P(alive) is 1, so only repeat buyers fall in it).
 */
export function atRiskRule(band: { min: number; max: number }): RuleGroup {
  return all([{ kind: 'score', score: 'pAlive', op: 'between', value: band.min, to: band.max }]);
}

/**
 * The customer list's filters as a rule, each with the list's meaning: the city is the start of the
 * name (case and ё ignored), revenue bounds in minor units, last-purchase days inclusive, "mine" the
 * customers assigned to the user. The search text is not a filter and is left out.
 */
export function listFiltersRule(state: ListState, viewer: { userId: string; currency: string }): RuleGroup {
  const rules: Condition[] = [];
  const number = (stat: 'ordersCount' | 'revenue' | 'daysSinceLastOrder', op: 'gte' | 'lte', value: number | null, money = false) => {
    if (value !== null) rules.push({ kind: 'stat', stat, op, value: money ? toMinorUnits(value, viewer.currency) : value });
  };
  if (state.city.trim()) rules.push({ kind: 'text', field: 'city', op: 'startsWith', value: state.city.trim() });
  number('ordersCount', 'gte', state.minOrders);
  number('ordersCount', 'lte', state.maxOrders);
  number('revenue', 'gte', state.minRevenue, true);
  number('revenue', 'lte', state.maxRevenue, true);
  number('daysSinceLastOrder', 'gte', state.minDaysSince);
  number('daysSinceLastOrder', 'lte', state.maxDaysSince);
  if (state.lastOrderFrom && state.lastOrderTo) rules.push({ kind: 'statDate', stat: 'lastOrderAt', op: 'between', value: state.lastOrderFrom, to: state.lastOrderTo });
  else if (state.lastOrderFrom) rules.push({ kind: 'statDate', stat: 'lastOrderAt', op: 'between', value: state.lastOrderFrom, to: '2999-12-31' });
  else if (state.lastOrderTo) rules.push({ kind: 'statDate', stat: 'lastOrderAt', op: 'between', value: '1900-01-01', to: state.lastOrderTo });
  if (state.rfmSegment.length) rules.push({ kind: 'class', score: 'rfmSegment', in: [...state.rfmSegment] });
  if (state.stage.length) rules.push({ kind: 'class', score: 'stage', in: [...state.stage] });
  if (state.rfmR !== null) rules.push({ kind: 'score', score: 'rfmR', op: 'eq', value: state.rfmR });
  if (state.rfmF !== null) rules.push({ kind: 'score', score: 'rfmF', op: 'eq', value: state.rfmF });
  if (state.minPAlive !== null) rules.push({ kind: 'score', score: 'pAlive', op: 'gte', value: state.minPAlive });
  if (state.maxPAlive !== null) rules.push({ kind: 'score', score: 'pAlive', op: 'lte', value: state.maxPAlive });
  if (state.minPredictedClv !== null) rules.push({ kind: 'score', score: 'predictedClv', op: 'gte', value: toMinorUnits(state.minPredictedClv, viewer.currency) });
  if (state.scope === 'mine') rules.push({ kind: 'text', field: 'managerUserId', op: 'eq', value: viewer.userId });
  const cells = state.abcXyz.length ? abcXyzRule(state.abcXyz) : null;
  return all(cells ? [...rules, cells] : rules);
}
