// Ready-to-paste code that sends a site's or a server's data to this installation, in the forms
// docs/ingestion.md describes: the Segment tracking API under /v1, the write key as the HTTP Basic
// user name (what the libraries send) or as `writeKey` in the body.

/** What every snippet is made of. */
export interface SnippetContext {
  /** The workspace's write key. */
  writeKey: string;
  /** This installation as browsers reach it, e.g. "https://crm.example.ru" (window.location.origin). */
  origin: string;
  /** The workspace's currency, so the sample order reads like the shop's own. */
  currency: string;
}

/** The kinds of snippet, in the order they are offered. */
export const snippetKinds = ['analyticsJs', 'rudderstack', 'node', 'curl'] as const;
/** A kind of snippet. */
export type SnippetKind = (typeof snippetKinds)[number];

/** The code of a snippet for a workspace and this installation. */
export function snippet(kind: SnippetKind, context: SnippetContext): string {
  return builders[kind](context);
}

const builders: Record<SnippetKind, (c: SnippetContext) => string> = { analyticsJs, rudderstack, node, curl };

// Segment's browser library is given its settings inline (cdnSettings), so it never asks Segment's
// CDN about a key Segment does not know, and it posts to apiHost, which it takes without a scheme.
function analyticsJs({ writeKey, origin, currency }: SnippetContext): string {
  const url = new URL(origin);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return `// npm install @segment/analytics-next
import { AnalyticsBrowser } from '@segment/analytics-next';

export const analytics = AnalyticsBrowser.load({
  writeKey: '${writeKey}',
  cdnSettings: {
    integrations: {
      'Segment.io': { apiKey: '${writeKey}', apiHost: '${url.host}/v1', protocol: '${protocol}' },
    },
  },
});

analytics.page();
analytics.identify('client-42', { phone: '+7 912 345-67-89', email: 'anna@example.ru' });
analytics.track('Order Completed', { order_id: 'A-1001', total: 4200, currency: '${currency}' });
`;
}

// Without a control plane the SDK is handed an empty source config instead of fetching one.
function rudderstack({ writeKey, origin, currency }: SnippetContext): string {
  return `// npm install @rudderstack/analytics-js
import { RudderAnalytics } from '@rudderstack/analytics-js';

export const rudderAnalytics = new RudderAnalytics();
rudderAnalytics.load('${writeKey}', '${origin}', {
  getSourceConfig: () => ({ source: { id: 'klientura', enabled: true, config: {}, destinations: [] } }),
});

rudderAnalytics.page();
rudderAnalytics.identify('client-42', { phone: '+7 912 345-67-89', email: 'anna@example.ru' });
rudderAnalytics.track('Order Completed', { order_id: 'A-1001', total: 4200, currency: '${currency}' });
`;
}

function node({ writeKey, origin, currency }: SnippetContext): string {
  return `// npm install @segment/analytics-node
import { Analytics } from '@segment/analytics-node';

const analytics = new Analytics({ writeKey: '${writeKey}', host: '${origin}' });

analytics.identify({ userId: 'client-42', traits: { phone: '+7 912 345-67-89', email: 'anna@example.ru' } });
analytics.track({
  userId: 'client-42',
  event: 'Order Completed',
  properties: {
    order_id: 'A-1001',
    total: 4200,
    currency: '${currency}',
    products: [{ product_id: 'p-1', name: 'Платье', price: 4200, quantity: 1 }],
  },
});

await analytics.closeAndFlush();
`;
}

function curl({ writeKey, origin, currency }: SnippetContext): string {
  return `curl ${origin}/v1/track \\
  -u '${writeKey}:' \\
  -H 'Content-Type: application/json' \\
  -d '{"userId": "client-42", "event": "Order Completed", "properties": {"order_id": "A-1001", "total": 4200, "currency": "${currency}"}}'
`;
}
