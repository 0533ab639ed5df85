import type { RuleGroup } from './segments.types.js';

// "Save as segment" from another screen opens the builder with a rule and a suggested name, handed
// over in the history entry's state (so the back button and a reload keep them).

/** A rule and a name the builder opens with. */
export interface Prefill {
  name: string;
  rule: RuleGroup;
}

/** The builder's address of a workspace. */
export function newSegmentPath(workspaceId: string): string {
  return `/w/${workspaceId}/segments/new`;
}

/** Reads a prefill from a history entry's state; null for none. */
export function readPrefill(state: unknown): Prefill | null {
  if (typeof state !== 'object' || state === null || !('prefill' in state)) return null;
  const p: unknown = state.prefill;
  if (typeof p !== 'object' || p === null || !('name' in p) || !('rule' in p) || typeof p.name !== 'string') return null;
  const rule: unknown = p.rule;
  return isGroup(rule) ? { name: p.name, rule } : null;
}

// The builder reads back only what it made itself; the server checks the rule again anyway.
function isGroup(value: unknown): value is RuleGroup {
  return typeof value === 'object' && value !== null && 'kind' in value && value.kind === 'group' && 'rules' in value && Array.isArray(value.rules);
}
