// A retailer's repricing rules per store and floor per listing: what domain/repricing.ts suggests
// from. Input is validated by the caller (zod); here the table's checks are repeated so a bad value
// fails with a sentence naming it instead of a constraint name. Access (does the account claim the
// store?) is the caller's job; every function still takes the account and reads only its rows.
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '../../client.ts';
import { listingFloors, REPRICING_STRATEGIES, repricingRules, type RepricingStrategy } from '../../retailers-schema.ts';
import { canonicalDecimal, compareDecimal } from '../../../domain/decimal.ts';
import { checkPrice } from '../../../domain/price.ts';
import { idArray } from '../id-array.ts';

export interface RepricingRuleSettings {
  strategy: RepricingStrategy;
  /** beat_amount: money under the cheapest total; beat_percent: percent under it. */
  beatBy: string | null;
  /** 0–500, or null for no ceiling. */
  maxAboveMedianPercent: number | null;
  /** 1–100, or null for no limit. */
  maxDailyChangePercent: number | null;
}

/** What a store's suggestions use before the retailer saved anything: match the cheapest, no limits. */
export const DEFAULT_REPRICING_RULES: Readonly<RepricingRuleSettings> = Object.freeze({
  strategy: 'match',
  beatBy: null,
  maxAboveMedianPercent: null,
  maxDailyChangePercent: null,
});

/** A store's rules as read: saved, or the defaults (saved false, updatedAt null). */
export interface StoreRepricingRules extends RepricingRuleSettings {
  accountId: number;
  storeId: string;
  saved: boolean;
  updatedAt: Date | null;
}

/** The account's rules for the store, or the defaults when it saved none. */
export async function getRepricingRules(db: Database, accountId: number, storeId: string): Promise<StoreRepricingRules> {
  const [row] = await db
    .select()
    .from(repricingRules)
    .where(and(eq(repricingRules.accountId, accountId), eq(repricingRules.storeId, storeId)));
  if (!row) return { accountId, storeId, ...DEFAULT_REPRICING_RULES, saved: false, updatedAt: null };
  return {
    accountId,
    storeId,
    strategy: row.strategy,
    beatBy: row.beatBy === null ? null : canonicalDecimal(row.beatBy),
    maxAboveMedianPercent: row.maxAboveMedianPercent,
    maxDailyChangePercent: row.maxDailyChangePercent,
    saved: true,
    updatedAt: row.updatedAt,
  };
}

function checkWholeNumber(value: number | null, what: string, min: number, max: number): number | null {
  if (value === null) return null;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new RangeError(`Expected ${what} to be a whole number from ${min} to ${max} (or none), got ${String(value)}`);
  }
  return value;
}

/** The rules as the table's checks allow them; throws TypeError / RangeError naming the bad value. */
export function checkRepricingRules(rules: RepricingRuleSettings): RepricingRuleSettings {
  if (!(REPRICING_STRATEGIES as readonly string[]).includes(rules.strategy)) {
    throw new TypeError(`Expected a strategy of ${REPRICING_STRATEGIES.join(', ')}, got ${JSON.stringify(rules.strategy)}`);
  }
  let beatBy: string | null = null;
  if (rules.beatBy !== null && rules.beatBy !== undefined) {
    const zero = /^0+(\.0+)?$/.test(rules.beatBy);
    const checked = zero ? ({ ok: true } as const) : checkPrice(rules.beatBy);
    if (!checked.ok) throw new RangeError(`Expected beatBy to be 0 or an amount from 0.0001 up: ${checked.reason}`);
    beatBy = canonicalDecimal(rules.beatBy);
    if (rules.strategy === 'beat_percent' && compareDecimal(beatBy, '100') >= 0) {
      throw new RangeError(`Expected beatBy under 100 for beat_percent (it is a percent), got ${beatBy}`);
    }
  }
  return {
    strategy: rules.strategy,
    beatBy,
    maxAboveMedianPercent: checkWholeNumber(rules.maxAboveMedianPercent, 'maxAboveMedianPercent', 0, 500),
    maxDailyChangePercent: checkWholeNumber(rules.maxDailyChangePercent, 'maxDailyChangePercent', 1, 100),
  };
}

/** Saves (replaces) the account's rules for the store. */
export async function saveRepricingRules(db: Database, accountId: number, storeId: string, rules: RepricingRuleSettings, now = new Date()): Promise<RepricingRuleSettings> {
  const checked = checkRepricingRules(rules);
  await db
    .insert(repricingRules)
    .values({ accountId, storeId, ...checked, updatedAt: now })
    .onConflictDoUpdate({ target: [repricingRules.accountId, repricingRules.storeId], set: { ...checked, updatedAt: now } });
  return checked;
}

/** Sets the listing's floor for the account, or removes it (null). */
export async function setListingFloor(db: Database, accountId: number, listingId: number, price: string | null, now = new Date()): Promise<void> {
  if (price === null) {
    await db.delete(listingFloors).where(and(eq(listingFloors.accountId, accountId), eq(listingFloors.listingId, listingId)));
    return;
  }
  const checked = checkPrice(price);
  if (!checked.ok) throw new RangeError(`Expected a floor price for listing ${listingId}: ${checked.reason}`);
  const floorPrice = canonicalDecimal(price);
  await db
    .insert(listingFloors)
    .values({ accountId, listingId, floorPrice, updatedAt: now })
    .onConflictDoUpdate({ target: [listingFloors.accountId, listingFloors.listingId], set: { floorPrice, updatedAt: now } });
}

/** The account's floors of these listings: listing id → floor price; listings without one are absent. */
export async function floorsFor(db: Database, accountId: number, listingIds: readonly number[]): Promise<Map<number, string>> {
  if (listingIds.length === 0) return new Map();
  const rows = await db
    .select({ listingId: listingFloors.listingId, floorPrice: listingFloors.floorPrice })
    .from(listingFloors)
    .where(and(eq(listingFloors.accountId, accountId), sql`${listingFloors.listingId} = ANY(${idArray(listingIds)})`));
  return new Map(rows.map((row) => [Number(row.listingId), canonicalDecimal(row.floorPrice)]));
}
