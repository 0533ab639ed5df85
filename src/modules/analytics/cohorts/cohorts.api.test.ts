import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../main.js';
import { fixedClock } from '../../../platform/clock.js';
import { newWorkspace, startApp, type TestWorkspace, testDatabases, withKey } from '../../../../test/harness.js';
import { importFile } from '../../../../test/import-file.js';

// Today is 6 July 2026 in Moscow (22:30 UTC on the 5th). April: c1 (also bought in May and on 5 July)
// and c2 (also in June); May: c3 (also on 6 July, today); July: c4.
const ordersCsv = [
  'Order ID,Date,Customer ID,Total',
  'A1,2026-04-03,c1,100.00',
  'A2,2026-05-10,c1,100.00',
  'A3,2026-07-05,c1,100.00',
  'B1,2026-04-20,c2,100.00',
  'B2,2026-06-11,c2,100.00',
  'C1,2026-05-02,c3,100.00',
  'C2,2026-07-06,c3,100.00',
  'D1,2026-07-01,c4,100.00',
].join('\n');

describe.each(testDatabases())('cohort retention on $name', (database) => {
  let app: App;
  let shop: TestWorkspace;
  beforeAll(async () => {
    app = await startApp(database, { clock: fixedClock(Date.parse('2026-07-05T22:30:00Z')) });
    shop = await newWorkspace(app);
    const imported = await importFile(app, shop, 'orders', ordersCsv);
    expect(imported, JSON.stringify(imported)).toMatchObject({ status: 'done', rowsFailed: 0 });
  });
  afterAll(() => app?.close());

  const cohorts = async (query: string) => {
    const res = await withKey(app, shop.secretKey, { method: 'GET', url: `/api/v1/analytics/cohorts?${query}` });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  it('says which month is still running and follows no cohort into months not begun (hand-computed)', async () => {
    expect(await cohorts('from=2026-04&to=2026-08')).toEqual({
      from: '2026-04',
      to: '2026-08',
      lastDay: '2026-07-06',
      incompleteMonth: '2026-07',
      cohorts: [
        { month: '2026-04', customers: 2, retention: [1, 0.5, 0.5, 0.5] },
        { month: '2026-05', customers: 1, retention: [1, 0, 1] },
        { month: '2026-06', customers: 0, retention: [0, 0] },
        { month: '2026-07', customers: 1, retention: [1] },
        { month: '2026-08', customers: 0, retention: [] },
      ],
    });
  });

  it('calls every month of a range that has ended complete', async () => {
    expect(await cohorts('from=2026-04&to=2026-06')).toMatchObject({
      lastDay: '2026-06-30',
      incompleteMonth: null,
      cohorts: [
        { month: '2026-04', retention: [1, 0.5, 0.5] },
        { month: '2026-05', retention: [1, 0] },
        { month: '2026-06', retention: [0] },
      ],
    });
  });
});
