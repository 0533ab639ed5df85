import { DomainError, domainError } from '../../platform/errors.js';

// The segments module's refusals (`segments.<what>`), worded by the web app in the user's language.

/** A dynamic segment needs a rule. */
export function segmentRuleRequired(): DomainError {
  return new DomainError('validation_failed', 'rule: a dynamic segment needs a rule', [{ field: 'rule', reason: 'a dynamic segment needs a rule' }], { code: 'segments.rule_required' });
}

/** A static segment has no rule, and only a static segment's members are edited by hand. */
export function segmentKindMismatch(): DomainError {
  return domainError('conflict', 'segments.kind_mismatch', 'A static segment has no rule and its members are edited by hand; a dynamic segment has a rule and its members follow it');
}

/** A rule names a segment that does not exist in the workspace. */
export function segmentMissing(id: string): DomainError {
  return new DomainError('validation_failed', `rule: the segment ${id} does not exist`, [{ field: 'rule', reason: `the segment ${id} does not exist` }], { code: 'segments.segment_missing', params: { id } });
}

/** A rule would make a segment depend on itself. */
export function segmentCycle(path: string[]): DomainError {
  return new DomainError('validation_failed', `rule: the segments would depend on each other in a circle (${path.join(' → ')})`, [{ field: 'rule', reason: 'segments would depend on each other in a circle' }], {
    code: 'segments.cycle',
    params: { path: path.join(' → ') },
  });
}

/** A list file names more people than one upload takes. */
export function listTooLong(lines: number, max: number): DomainError {
  return domainError('payload_too_large', 'segments.list_too_long', `The file lists ${lines} values; one upload takes at most ${max}`, { lines, max });
}
