import { WeightedTable, type Rng } from './demo.random.js';
import type { DemoDeviceType, DemoSource } from './demo.types.js';

/** A device a customer browses from, with the user agent its browser sends. */
export interface DemoDeviceProfile {
  device: DemoDeviceType;
  os: string;
  browser: string;
  userAgent: string;
}

/** Acquisition attributes of a customer: the source and the UTM tags of the first visit. */
export interface DemoAcquisition {
  source: DemoSource;
  utmSource: string | null;
  utmMedium: string | null;
  utmCampaign: string | null;
}

const chromeWin = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)';
const chromeAndroid = (model: string): string =>
  `Mozilla/5.0 (Linux; Android 13; ${model}) AppleWebKit/537.36 (KHTML, like Gecko)`;

// Shares follow Russian e-commerce traffic: mostly phones, Yandex Browser strong on Windows and Android.
const profiles: [DemoDeviceProfile, number][] = [
  [{ device: 'mobile', os: 'Android', browser: 'Chrome', userAgent: `${chromeAndroid('SM-A536B')} Chrome/124.0.6367.82 Mobile Safari/537.36` }, 17],
  [{ device: 'mobile', os: 'Android', browser: 'YaBrowser', userAgent: `${chromeAndroid('2201117TY')} Chrome/122.0.6261.156 YaBrowser/24.4.4.88.00 SA/3 Mobile Safari/537.36` }, 10],
  [{ device: 'mobile', os: 'Android', browser: 'Samsung Internet', userAgent: `${chromeAndroid('SM-G991B')} SamsungBrowser/24.0 Chrome/117.0.0.0 Mobile Safari/537.36` }, 3],
  [{ device: 'mobile', os: 'iOS', browser: 'Safari', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1' }, 24],
  [{ device: 'mobile', os: 'iOS', browser: 'YaBrowser', userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 16_7_8 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.0 YaBrowser/24.4.6.512.10 SA/3 Mobile/15E148 Safari/604.1' }, 4],
  [{ device: 'desktop', os: 'Windows', browser: 'Chrome', userAgent: `${chromeWin} Chrome/124.0.0.0 Safari/537.36` }, 13],
  [{ device: 'desktop', os: 'Windows', browser: 'YaBrowser', userAgent: `${chromeWin} Chrome/122.0.0.0 YaBrowser/24.4.0.0 Safari/537.36` }, 9],
  [{ device: 'desktop', os: 'Windows', browser: 'Edge', userAgent: `${chromeWin} Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.67` }, 2],
  [{ device: 'desktop', os: 'Windows', browser: 'Firefox', userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0' }, 2],
  [{ device: 'desktop', os: 'macOS', browser: 'Safari', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15' }, 4],
  [{ device: 'desktop', os: 'macOS', browser: 'Chrome', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36' }, 3],
  [{ device: 'desktop', os: 'Linux', browser: 'Firefox', userAgent: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0' }, 1],
  [{ device: 'tablet', os: 'iPadOS', browser: 'Safari', userAgent: 'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1' }, 4],
  [{ device: 'tablet', os: 'Android', browser: 'Chrome', userAgent: 'Mozilla/5.0 (Linux; Android 12; SM-X205) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Safari/537.36' }, 2],
];

/** Devices by share of customers. */
export const deviceTable = new WeightedTable(profiles);

/** A device other than the given one, for the occasional visit from a second device. */
export function otherDevice(rng: Rng, primary: DemoDeviceProfile): DemoDeviceProfile {
  for (let attempt = 0; attempt < 4; attempt++) {
    const candidate = deviceTable.sample(rng);
    if (candidate.device !== primary.device) return candidate;
  }
  return primary;
}

const onlineSources = new WeightedTable<DemoSource>([
  ['organic', 34], ['yandex_direct', 26], ['vk_ads', 13], ['telegram', 7], ['email', 8], ['referral', 12],
]);

const campaigns: Record<DemoSource, readonly string[]> = {
  organic: [],
  offline: [],
  yandex_direct: ['brand_search', 'catalog_outerwear', 'catalog_shoes', 'retargeting', 'black_friday'],
  vk_ads: ['new_collection', 'lookalike_buyers', 'black_friday', 'gift_8_march'],
  telegram: ['fashion_channels', 'influencer_spring'],
  email: ['welcome_series', 'weekly_digest', 'black_friday'],
  referral: ['friend_500', 'partner_cashback'],
};

const utm: Record<DemoSource, readonly [string, string] | null> = {
  organic: null,
  offline: null,
  yandex_direct: ['yandex', 'cpc'],
  vk_ads: ['vk', 'cpc'],
  telegram: ['telegram', 'social'],
  email: ['newsletter', 'email'],
  referral: ['friend', 'referral'],
};

/** How a customer came: from a shop's till, or an online source with its UTM tags. */
export function randomAcquisition(rng: Rng, inStore: boolean): DemoAcquisition {
  const source: DemoSource = inStore ? 'offline' : onlineSources.sample(rng);
  const tags = utm[source];
  if (!tags) return { source, utmSource: null, utmMedium: null, utmCampaign: null };
  return { source, utmSource: tags[0], utmMedium: tags[1], utmCampaign: rng.pick(campaigns[source]) };
}
