import { foldText } from '../../platform/db/fold.js';

// The event properties kept as columns beside the JSON (migration 2026-12-10T20-event-property-columns):
// each holds what rules read at its JSON path (platform/db/json-sql.ts) — the value when it is of
// that JSON type, else null — text folded as rules compare it (kl_fold), so segment rules read a
// column instead of parsing and folding every event's JSON.

/** The property columns of an event row. */
export interface EventColumns {
  /** properties.category when a string, folded. */
  category_key: string | null;
  /** properties.price when a number. */
  price: number | null;
  /** context.campaign.source when a string, folded. */
  campaign_source_key: string | null;
}

function own(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
}

/** The property columns of an event with these properties and context (parsed JSON). */
export function eventColumns(properties: unknown, context: unknown): EventColumns {
  const category = own(properties, 'category');
  const price = own(properties, 'price');
  const source = own(own(context, 'campaign'), 'source');
  return {
    category_key: typeof category === 'string' ? foldText(category) : null,
    // JSON has no NaN or infinity: such a value is stored as null, and so is the column.
    price: typeof price === 'number' && Number.isFinite(price) ? price : null,
    campaign_source_key: typeof source === 'string' ? foldText(source) : null,
  };
}
