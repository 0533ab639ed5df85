import { describe, expect, it } from 'vitest';
import { newWorkspace, startApp, testDatabases, withKey } from '../../../test/harness.js';

// Segment entries and exits are read by other features from persisted cursors: a reader that
// stops (or whose process dies) resumes after the last change it committed, never losing one.

describe.each(testDatabases())('membership feed on $name', (database) => {
  it('resumes a reader after a restart from its committed position', async () => {
    const url = await database.url({ fresh: true });
    const same = { name: database.name, url: async () => url };
    let app = await startApp(same);
    const ws = await newWorkspace(app);
    const ids: number[] = [];
    for (const phone of ['+79120000001', '+79120000002', '+79120000003']) {
      ids.push((await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/customers', payload: { phone } })).json().customer.id);
    }
    const seg = (await withKey(app, ws.secretKey, { method: 'POST', url: '/api/v1/segments', payload: { name: 'Список', kind: 'static' } })).json();
    await withKey(app, ws.secretKey, { method: 'POST', url: `/api/v1/segments/${seg.id}/members/add`, payload: { customerIds: ids } });
    const first = await app.services.membershipFeed.next('journeys', 2);
    expect(first.map((c) => [c.customer_id, c.entered])).toEqual([[ids[0], true], [ids[1], true]]);
    await app.services.membershipFeed.commit('journeys', first[0]?.id ?? 0);
    await app.close();

    app = await startApp(same);
    await withKey(app, ws.secretKey, { method: 'POST', url: `/api/v1/segments/${seg.id}/members/remove`, payload: { customerIds: [ids[0]] } });
    const resumed = await app.services.membershipFeed.next('journeys');
    expect(resumed.map((c) => [c.customer_id, c.entered])).toEqual([[ids[1], true], [ids[2], true], [ids[0], false]]);
    // Another reader starts from the beginning, on its own cursor.
    expect((await app.services.membershipFeed.next('exports')).length).toBe(4);
    await app.close();
  });
});
