import { describe, expect, it } from 'vitest';
import { readLifecycleRules, withLifecycleRules } from './lifecycle-state.js';

describe('the lifecycle rules in the address', () => {
  it('reads the rules given and leaves the rest to the server', () => {
    expect(readLifecycleRules(new URLSearchParams('churnDays=45&loyal=4'))).toEqual({ churnDays: 45, loyalPurchases: 4 });
    expect(readLifecycleRules(new URLSearchParams('loyal=5'))).toEqual({ loyalPurchases: 5 });
    expect(readLifecycleRules(new URLSearchParams(''))).toEqual({});
  });

  it('ignores what the API would refuse', () => {
    for (const query of ['churnDays=0', 'churnDays=3651', 'churnDays=4.5', 'churnDays=-3', 'churnDays=', 'loyal=1', 'loyal=101', 'loyal=x']) {
      expect(readLifecycleRules(new URLSearchParams(query)), query).toEqual({});
    }
  });

  it('writes the rules beside the period and drops a rule set back to its default', () => {
    const params = new URLSearchParams('from=2026-04-01&to=2026-06-30&loyal=4');
    expect(withLifecycleRules(params, { churnDays: 60, loyalPurchases: 4 }).toString()).toBe('from=2026-04-01&to=2026-06-30&loyal=4&churnDays=60');
    expect(withLifecycleRules(params, {}).toString()).toBe('from=2026-04-01&to=2026-06-30');
  });
});
