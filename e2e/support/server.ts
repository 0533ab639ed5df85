import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { App } from '../../src/main.js';
import type { Role } from '../../src/platform/roles.js';
import { addUser, newWorkspace, startApp, tempDir, type TestUser, type TestWorkspace } from '../../test/harness.js';

/** A platform listening on a free local port, as `klientura start` runs it, on its own SQLite file. */
export interface TestServer {
  app: App;
  /** Base URL such as http://127.0.0.1:40123 */
  url: string;
  close(): Promise<void>;
}

/** Starts the whole platform (API and web app) on SQLite, listening on a free port. */
export async function startServer(): Promise<TestServer> {
  const app = await startApp({ name: 'sqlite', url: async () => `sqlite:${join(tempDir(), 'e2e.db')}` });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.http.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** A workspace of one test, with its owner and keys. */
export type Shop = TestWorkspace;

/** Creates a workspace with an owner; each test works in its own. */
export function newShop(server: TestServer, name: string): Promise<Shop> {
  return newWorkspace(server.app, name);
}

/** Adds a member with a role to a workspace. */
export function addMember(server: TestServer, shop: Shop, role: Role): Promise<TestUser> {
  return addUser(server.app, shop.id, role);
}

/** Creates a customer through the REST API (as an integration would) and returns its id. */
export async function createCustomer(server: TestServer, shop: Shop, body: Record<string, unknown>): Promise<number> {
  const res = await fetch(`${server.url}/api/v1/customers`, {
    method: 'POST',
    headers: { authorization: `Bearer ${shop.secretKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const json: unknown = await res.json();
  if (res.status !== 201 || !isCreated(json)) throw new Error(`creating a customer failed: ${res.status} ${JSON.stringify(json)}`);
  return json.customer.id;
}

/** An order as a site sends it: one `Order Completed` event of the Segment protocol. */
export interface OrderEvent {
  phone: string;
  orderId: string;
  total: number;
  at: string;
  products?: { product_id: string; name: string; price: number; quantity: number }[];
}

/** Sends orders through the ingestion API with the workspace's write key. */
export function sendOrders(server: TestServer, shop: Shop, orders: OrderEvent[]): Promise<void> {
  return ingest(
    server,
    shop,
    orders.map((o) => ({
      type: 'track',
      event: 'Order Completed',
      messageId: `${o.orderId}-completed`,
      // The Segment protocol needs a user id; the shop's own id of the person, here made from the phone.
      userId: shopUserId(o.phone),
      timestamp: o.at,
      context: { traits: { phone: o.phone } },
      properties: { order_id: o.orderId, total: o.total, currency: 'RUB', products: o.products ?? [] },
    })),
  );
}

/** The id a shop's site would send for the person with this phone. */
export function shopUserId(phone: string): string {
  return `client-${phone.replace(/\D/g, '')}`;
}

/** Sends Segment messages (track, page, identify…) as one batch with the workspace's write key. */
export async function ingest(server: TestServer, shop: Shop, batch: Record<string, unknown>[]): Promise<void> {
  const res = await fetch(`${server.url}/v1/batch`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${shop.writeKey}:`).toString('base64')}`, 'content-type': 'application/json' },
    body: JSON.stringify({ batch }),
  });
  if (res.status !== 200) throw new Error(`ingestion failed: ${res.status} ${(await res.text()).slice(0, 500)}`);
}

function isCreated(value: unknown): value is { customer: { id: number } } {
  if (typeof value !== 'object' || value === null || !('customer' in value)) return false;
  const customer = value.customer;
  return typeof customer === 'object' && customer !== null && 'id' in customer && typeof customer.id === 'number';
}
