import { AnalyticsRunsRepo } from '../../src/modules/analytics/scores/analytics-runs.repo.js';
import { defaultAnalyticsSettings } from '../../src/modules/analytics/scores/analytics-settings.js';
import { createCustomer, type OrderEvent, sendOrders, type Shop, type TestServer } from './server.js';

// A shop whose purchase history, counted back from today, gives the stored scores known answers
// (docs/analytics.md). Worked out by hand for the five buyers after Соколов's second purchase:
// - recency (days): Соколов 1, Волкова 2, Лебедева 25, Павлов 300, Ёлкина 340 → R 5, 4, 3, 2, 1;
// - purchase days: Волкова 5, Ёлкина 4, Соколов 2, Лебедева 2, Павлов 1 → F 5, 4, 2, 2, 1;
// - revenue: Волкова 25 500, Соколов 15 000, Ёлкина 13 050, Лебедева 4 600, Павлов 1 500 → M 5, 4, 3, 2, 1;
//   so VIP (R4 F5 M5), promising (R5 F2), needs attention (R3 F2), sleeping (R2 F1), churned loyal (R1 F4);
// - ABC by revenue (59 650): Волкова, Соколов, Ёлкина A (before them 0, 43 %, 68 %), Лебедева B (90 %),
//   Павлов C (97 %); XYZ by orders (26): Волкова 17, Ёлкина 4 → X; Соколов 2 (81 %), Лебедева 2 → Y;
//   Павлов 1 (96 %) → Z. Golden (AX + AY): Волкова, Ёлкина, Соколов;
// - churn window: the shop keeps 30 days in its settings (learned from its orders it would be 475 days:
//   with each repeat customer weighing the same, the 90th percentile of four customers' gaps is
//   Лебедева's comeback after 475 days): Волкова loyal, Соколов repeat, Лебедева returned (a gap of 475
//   days before her last purchase), Ёлкина and Павлов churned (lapsed segments), Кузнецова potential;
// - F by purchase days 1, 2, 3, 4–5, 6+: Волкова 4 rather than 5.
// Before Соколов's second purchase he is new (R4 F1), which the stage history keeps.

/** A customer of the scored shop and their purchase days (days before today → orders' totals in roubles). */
export interface ScoredCustomer {
  firstName: string;
  lastName: string;
  phone: string;
  purchases: { daysAgo: number; totals: number[] }[];
}

/** The customers in the order they are created (ties of the ABC/XYZ ranking go by id). */
export const scoredCustomers: ScoredCustomer[] = [
  {
    firstName: 'Ольга',
    lastName: 'Волкова',
    phone: '+7 987 654-32-10',
    purchases: [
      { daysAgo: 80, totals: [1500, 1500, 1500, 1500] },
      { daysAgo: 60, totals: [1500, 1500, 1500] },
      { daysAgo: 40, totals: [1500, 1500, 1500, 1500] },
      { daysAgo: 20, totals: [1500, 1500, 1500] },
      { daysAgo: 2, totals: [1500, 1500, 1500] },
    ],
  },
  { firstName: 'Дмитрий', lastName: 'Соколов', phone: '+7 903 111-22-33', purchases: [{ daysAgo: 5, totals: [12900] }] },
  {
    firstName: 'Анна',
    lastName: 'Ёлкина',
    phone: '+7 912 345-67-89',
    purchases: [
      { daysAgo: 400, totals: [4200] },
      { daysAgo: 380, totals: [2750] },
      { daysAgo: 360, totals: [3000] },
      { daysAgo: 340, totals: [3100] },
    ],
  },
  { firstName: 'Екатерина', lastName: 'Лебедева', phone: '+7 999 888-77-66', purchases: [{ daysAgo: 500, totals: [2300] }, { daysAgo: 25, totals: [2300] }] },
  { firstName: 'Сергей', lastName: 'Павлов', phone: '+7 950 123-45-67', purchases: [{ daysAgo: 300, totals: [1500] }] },
  { firstName: 'Мария', lastName: 'Кузнецова', phone: '+7 921 555-01-02', purchases: [] },
];

/** Соколов's second purchase, yesterday, which makes him a repeat customer. */
export const sokolovSecondPurchase = { daysAgo: 1, totals: [2100] };

/** Today in Moscow, the test workspaces' time zone, as YYYY-MM-DD. */
export function moscowToday(now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Moscow', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** The calendar day `daysAgo` days before today in Moscow, as YYYY-MM-DD. */
export function moscowDay(daysAgo: number, today = moscowToday()): string {
  return new Date(Date.parse(`${today}T00:00:00Z`) - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

function orders(customer: ScoredCustomer, purchases: ScoredCustomer['purchases'], today: string): OrderEvent[] {
  return purchases.flatMap((p) =>
    p.totals.map((total, n) => ({
      phone: customer.phone,
      orderId: `${customer.lastName}-${p.daysAgo}-${n + 1}`,
      total,
      // Noon in Moscow, well inside the local day.
      at: `${moscowDay(p.daysAgo, today)}T09:00:00Z`,
    })),
  );
}

/** Creates the customers and their orders, with a churn window of 30 days kept in the settings; returns their ids by last name. */
export async function seedScoredShop(server: TestServer, shop: Shop, today = moscowToday()): Promise<Map<string, number>> {
  // Kept as an administrator's saved settings would be, without the computation saving them starts.
  const settings = { ...defaultAnalyticsSettings, lifecycle: { churnDays: 30, loyalPurchases: 3 } };
  await new AnalyticsRunsRepo(server.app.db.kysely).saveSettings(shop.id, settings, null, Date.now());
  const ids = new Map<string, number>();
  for (const c of scoredCustomers) ids.set(c.lastName, await createCustomer(server, shop, { firstName: c.firstName, lastName: c.lastName, phone: c.phone }));
  await sendOrders(server, shop, scoredCustomers.flatMap((c) => orders(c, c.purchases, today)));
  return ids;
}

/** Sends Соколов's second purchase. */
export async function sendSokolovSecondPurchase(server: TestServer, shop: Shop, today = moscowToday()): Promise<void> {
  const sokolov = scoredCustomers[1];
  await sendOrders(server, shop, orders(sokolov, [sokolovSecondPurchase], today));
}

/** Computes the workspace's scores through the API and waits for the computation to finish. */
export async function recomputeScores(server: TestServer, shop: Shop): Promise<void> {
  const headers = { authorization: `Bearer ${shop.secretKey}` };
  const started = await fetch(`${server.url}/api/v1/analytics/scores/recompute`, { method: 'POST', headers });
  if (started.status !== 202) throw new Error(`recomputing the scores failed: ${started.status} ${await started.text()}`);
  for (let i = 0; i < 200; i++) {
    const status: unknown = await (await fetch(`${server.url}/api/v1/analytics/scores`, { headers })).json();
    if (isStatus(status) && !status.running) {
      if (status.runs[0]?.status !== 'done') throw new Error(`the computation did not finish: ${JSON.stringify(status.runs[0])}`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the computation of the scores did not finish in 20 s');
}

function isStatus(value: unknown): value is { running: boolean; runs: { status: string }[] } {
  return typeof value === 'object' && value !== null && 'running' in value && 'runs' in value && Array.isArray(value.runs);
}
