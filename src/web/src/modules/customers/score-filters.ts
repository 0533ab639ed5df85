import type { CustomerListQuery, LifecycleStage, RfmSegment } from '../../api/types.js';
import { toMinorUnits } from '../../format/format.js';
import { type AbcXyzCell, abcXyzCells, pick, segments, stages } from './score-values.js';

// Filters on the stored scores, kept in the address under the API's own names, so another screen
// can link to "the customers of this segment": /customers?rfmSegment=vip, ?rfmR=5&rfmF=4,
// ?abcXyz=AX,AY, ?stage=churned. Lists are comma-separated, P(alive) is a fraction 0–1 as the API
// takes it, and the predicted CLV is in major units of the currency like the revenue filters.

/** Narrows the customer list by the stored scores; empty lists and nulls filter nothing. */
export interface ScoreFilters {
  rfmSegment: RfmSegment[];
  stage: LifecycleStage[];
  abcXyz: AbcXyzCell[];
  /** RFM recency score 1–5. */
  rfmR: number | null;
  /** RFM frequency score 1–5. */
  rfmF: number | null;
  /** Fraction 0–1. */
  minPAlive: number | null;
  /** Fraction 0–1. */
  maxPAlive: number | null;
  /** Major units of the workspace currency. */
  minPredictedClv: number | null;
}

/** Score filters that filter nothing. */
export const noScoreFilters: ScoreFilters = { rfmSegment: [], stage: [], abcXyz: [], rfmR: null, rfmF: null, minPAlive: null, maxPAlive: null, minPredictedClv: null };

/** Reads the score filters from a query string; unknown values are dropped. */
export function readScoreFilters(params: URLSearchParams): ScoreFilters {
  return {
    rfmSegment: pick(segments, parseList(params.get('rfmSegment'))),
    stage: pick(stages, parseList(params.get('stage'))),
    abcXyz: pick(abcXyzCells, parseList(params.get('abcXyz')).map((cell) => cell.toUpperCase())),
    rfmR: parseScore(params.get('rfmR')),
    rfmF: parseScore(params.get('rfmF')),
    minPAlive: parseFraction(params.get('minPAlive')),
    maxPAlive: parseFraction(params.get('maxPAlive')),
    minPredictedClv: parseAmount(params.get('minPredictedClv')),
  };
}

/** Adds the set score filters to a query string. */
export function writeScoreFilters(filters: ScoreFilters, params: URLSearchParams): void {
  for (const key of ['rfmSegment', 'stage', 'abcXyz'] as const) {
    if (filters[key].length) params.set(key, filters[key].join(','));
  }
  for (const key of ['rfmR', 'rfmF', 'minPAlive', 'maxPAlive', 'minPredictedClv'] as const) {
    const value = filters[key];
    if (value !== null) params.set(key, String(value));
  }
}

/** The score filters as GET /customers parameters, the CLV in minor units. */
export function scoreFiltersQuery(filters: ScoreFilters, currency: string): CustomerListQuery {
  const list = (values: readonly string[]) => (values.length ? values.join(',') : undefined);
  return {
    rfmSegment: list(filters.rfmSegment),
    stage: list(filters.stage),
    abcXyz: list(filters.abcXyz),
    rfmR: filters.rfmR ?? undefined,
    rfmF: filters.rfmF ?? undefined,
    minPAlive: filters.minPAlive ?? undefined,
    maxPAlive: filters.maxPAlive ?? undefined,
    minPredictedClv: filters.minPredictedClv === null ? undefined : toMinorUnits(filters.minPredictedClv, currency),
  };
}

/** How many score filters are set (a P(alive) range counts once). */
export function scoreFilterCount(filters: ScoreFilters): number {
  const lists = [filters.rfmSegment, filters.stage, filters.abcXyz].filter((l) => l.length > 0).length;
  const pAlive = filters.minPAlive !== null || filters.maxPAlive !== null ? 1 : 0;
  return lists + pAlive + [filters.rfmR, filters.rfmF, filters.minPredictedClv].filter((v) => v !== null).length;
}

function parseList(value: string | null): string[] {
  return (value ?? '').split(',').map((part) => part.trim()).filter(Boolean);
}

function parseScore(value: string | null): number | null {
  const n = Number(value ?? '');
  return value !== null && Number.isInteger(n) && n >= 1 && n <= 5 ? n : null;
}

function parseFraction(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 && n <= 1 ? n : null;
}

function parseAmount(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}
