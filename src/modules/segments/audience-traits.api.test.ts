import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main.js';
import { newWorkspace, startApp, testDatabases, withKey } from '../../../test/harness.js';
import { sendTracking } from '../../../test/segments.js';
import { MAX_RULE_TRAITS } from './audience-columns.js';
import type { RuleGroup } from './segment-rules.schemas.js';

// Custom traits are columns of the audience index while a rule reads them; a workspace may have
// any number, so the index keeps a bounded number and a rule may read at most MAX_RULE_TRAITS.

const anyOf = (names: string[]): RuleGroup => ({ kind: 'group', combinator: 'or', rules: names.map((trait) => ({ kind: 'trait', trait, type: 'number', op: 'gte', value: 1 })) });

describe.each(testDatabases())('traits in live counts on $name', (database) => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(database);
  });
  afterAll(() => app.close());

  it('counts right after traits were forgotten to make room, and refuses a rule reading too many', async () => {
    const ws = await newWorkspace(app);
    const first = Array.from({ length: 30 }, (_, i) => `a${i}`);
    const second = Array.from({ length: 30 }, (_, i) => `b${i}`);
    for (let u = 0; u < 6; u++) {
      await sendTracking(app, ws, '/v1/identify', { userId: `t${u}`, traits: { [`a${u * 5}`]: u, [`b${u * 3}`]: 1 } });
    }
    const count = async (rule: RuleGroup) => (await app.services.segments.preview(ws.id, rule)).count;
    expect(await count(anyOf(first))).toBe(5);
    expect(await count(anyOf(second))).toBe(6);
    await sendTracking(app, ws, '/v1/identify', { userId: 't0', traits: { a0: 7 } });
    expect(await count(anyOf(first))).toBe(6);
    expect(await count(anyOf([...first.slice(0, 16), ...second.slice(0, 16)]))).toBe((await app.services.segments.matchingIds(ws.id, anyOf([...first.slice(0, 16), ...second.slice(0, 16)]))).length);

    const tooMany = Array.from({ length: MAX_RULE_TRAITS + 1 }, (_, i) => `c${i}`);
    const res = await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/segments/preview', payload: { rule: anyOf(tooMany) } });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ field: 'rule', code: 'rule_too_many_traits', params: { max: MAX_RULE_TRAITS, count: MAX_RULE_TRAITS + 1 } });
  });
});
