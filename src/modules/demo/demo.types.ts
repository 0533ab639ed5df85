// Plain data the demo generator yields. Times are epoch milliseconds (UTC); money is integer kopecks,
// except inside event properties, which follow the Segment e-commerce spec (roubles, with currency).

/** A device class, as in Segment's context.device.type. */
export type DemoDeviceType = 'desktop' | 'mobile' | 'tablet';

/** Where a customer first came from. */
export type DemoSource = 'organic' | 'yandex_direct' | 'vk_ads' | 'telegram' | 'email' | 'referral' | 'offline';

/** A demo customer with the standard CRM fields filled the way a real shop's base is. */
export interface DemoCustomer {
  /** Stable external id, e.g. "demo-000123"; the same index gives the same key for every seed. */
  key: string;
  firstName: string;
  lastName: string;
  /** Patronymic, filled for about 40% of customers. */
  middleName: string | null;
  gender: 'female' | 'male';
  /** E.164 Russian mobile "+79XXXXXXXXX", unique per customer. */
  phone: string;
  /** About 70% filled; unique per customer. */
  email: string | null;
  /** "YYYY-MM-DD", about 60% filled, ages 18–75 at the end of the history. */
  birthDate: string | null;
  city: string;
  region: string;
  /** Loyalty card, EAN-13 with a valid check digit; about half of customers have one. */
  cardNumber: string | null;
  source: DemoSource;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
  /** Registration time: at or before the first order. */
  createdAt: number;
  consentEmail: boolean;
  consentSms: boolean;
  device: DemoDeviceType;
  os: string;
  browser: string;
}

/** One line of an order; price is per unit in kopecks. */
export interface DemoOrderItem {
  productId: string;
  sku: string;
  name: string;
  category: string;
  price: number;
  quantity: number;
}

/** An online or in-store order; total = sum(price * quantity) - discount. */
export interface DemoOrder {
  /** Unique, e.g. "D-0000001". */
  externalId: string;
  customerKey: string;
  orderedAt: number;
  channel: 'online' | 'offline';
  /** A shop id such as "msk-01" for offline orders, null online. */
  storeId: string | null;
  status: 'completed' | 'cancelled' | 'refunded';
  total: number;
  discount: number;
  items: DemoOrderItem[];
}

/** Segment-style context of a demo event. */
export interface DemoEventContext {
  userAgent?: string;
  device?: { type: DemoDeviceType };
  os?: { name: string };
  campaign?: { source: string; medium: string; name: string };
}

/** A page view or track event from the shop's website. */
export interface DemoEvent {
  /** Unique and stable per generated event, for idempotent ingestion. */
  messageId: string;
  customerKey: string;
  type: 'page' | 'track';
  /** A page name ("Каталог") or an e-commerce event name ("Product Added"). */
  name: string;
  timestamp: number;
  properties: Record<string, unknown>;
  context: DemoEventContext;
}

/** A batch of consecutive customers with all their orders and events. */
export interface DemoChunk {
  /** 0 for the first chunk. */
  index: number;
  customers: DemoCustomer[];
  orders: DemoOrder[];
  events: DemoEvent[];
}

/** Options of the demo shop generator. */
export interface DemoShopOptions {
  /** Seed of the whole shop; the same seed and options give the same data. Default 1. */
  seed?: number;
  /** Number of customers to generate. */
  customers: number;
  /** Length of the history in years (of 365.25 days). Default 3. */
  years?: number;
  /** End of the history, epoch ms; nothing happens after it. */
  endDate: number;
  /** IANA timezone of the shop, for days, weekdays and opening hours. Default "Europe/Moscow". */
  timezone?: string;
  /** Customers per yielded chunk. Default 1000. */
  chunkSize?: number;
  /** Approximate average number of website events per customer; 0 generates none. Default 8. */
  eventsPerCustomer?: number;
  /**
   * Average number of orders per customer (counting those who never bought); by default the shop's
   * natural mix (about 2.9). Benchmarks raise it to get more orders from the same customers; values
   * below the share of buyers (about 0.85) cannot be reached and give one order per buyer.
   */
  ordersPerCustomer?: number;
}
