import { ApiError, type FieldProblem } from '../../api/client.js';
import { builderPath } from './rule-draft.js';

/** The API's refusals of a rule by builder path ("1.0"; "" for the rule as a whole), worded by `word`. */
export function ruleErrors(error: Error | null, word: (problem: FieldProblem) => string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (!(error instanceof ApiError)) return out;
  for (const d of error.details) {
    const path = builderPath(d.field);
    if (path === null) continue;
    (out[path] ??= []).push(word(d));
  }
  return out;
}
