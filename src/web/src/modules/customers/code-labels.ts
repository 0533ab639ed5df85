import type { TFunction } from 'i18next';
import { customerLabelsEn } from '../../i18n/en.customers.js';

// Codes that tracking and imports store as sent ("Product Added", "mobile", "yandex_direct") and the
// words the screens show for them. Only known codes are named; others are shown as they are.

type EventKey = keyof typeof customerLabelsEn.events;
type DeviceKey = keyof typeof customerLabelsEn.devices;
type SourceKey = keyof typeof customerLabelsEn.sources;
type MediumKey = keyof typeof customerLabelsEn.mediums;

const has = <K extends string>(table: Record<K, string>, key: string): key is K => Object.prototype.hasOwnProperty.call(table, key);

// "Product Added", "product_added" and "product added" are one event; the same for codes.
const normal = (code: string) => code.trim().toLowerCase().replace(/[_\s]+/g, ' ');

/** The key of a standard e-commerce event (Segment's spec) a name stands for, or null. */
export function standardEvent(name: string | null): EventKey | null {
  const key = name === null ? '' : normal(name);
  return has(customerLabelsEn.events, key) ? key : null;
}

/** An event's name in the interface language, or null when the name is not a standard one. */
export function eventLabel(name: string | null, t: TFunction): string | null {
  const key = standardEvent(name);
  return key ? t(`customerLabels.events.${key}`) : null;
}

/** A device type ("mobile", "desktop") in words, or null for other values (a model name is shown as it is). */
export function deviceLabel(code: string, t: TFunction): string | null {
  const key = normal(code);
  return has(customerLabelsEn.devices, key) ? t(`customerLabels.devices.${key satisfies DeviceKey}`) : null;
}

/** A traffic source or UTM source ("yandex_direct", "vk") by its name, or null when unknown. */
export function sourceLabel(code: string, t: TFunction): string | null {
  const key = code.trim().toLowerCase().replace(/[\s-]+/g, '_');
  return has(customerLabelsEn.sources, key) ? t(`customerLabels.sources.${key satisfies SourceKey}`) : null;
}

/** A UTM medium ("cpc", "social") in words, or null when unknown. */
export function mediumLabel(code: string, t: TFunction): string | null {
  const key = code.trim().toLowerCase();
  return has(customerLabelsEn.mediums, key) ? t(`customerLabels.mediums.${key satisfies MediumKey}`) : null;
}
