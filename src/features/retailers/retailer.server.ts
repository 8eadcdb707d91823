// What the retailer pages, the export and the API read, always through the account's claimed
// stores: the tenant boundary is claimedStoreIds(account), checked here for every store and listing
// a request names. A store or listing outside it answers as if it did not exist.
import { claimedStoreIds, listClaimsOf } from '../../../db/queries/retailers/claims.ts';
import { getDashboardPage, getPosition, iterateDashboardRows, type DashboardRow } from '../../../db/queries/retailers/dashboard.ts';
import { getPriceIndex, getPriceIndexHistory } from '../../../db/queries/retailers/price-index.ts';
import { floorsFor, getRepricingRules, setListingFloor, type RepricingRuleSettings } from '../../../db/queries/retailers/repricing-rules.ts';
import { suggestPrice } from '../../../domain/repricing.ts';
import { getDb } from '../../lib/context.server.ts';
import { ROWS_PER_PAGE, type DashboardParams } from './dashboard-params.ts';

export interface AccountRef {
  id: number;
}

export interface RetailerStore {
  id: string;
  name: string;
}

/** The stores this account may see (verified or granted claims), with names. */
export async function storesOf(account: AccountRef): Promise<RetailerStore[]> {
  const db = await getDb();
  const [ids, claims] = await Promise.all([claimedStoreIds(db, account.id), listClaimsOf(db, account.id)]);
  const allowed = new Set(ids);
  return claims.filter((claim) => allowed.has(claim.storeId)).map((claim) => ({ id: claim.storeId, name: claim.storeName }));
}

/**
 * The store ids a request may read: all the account's, or the one asked for when it is one of them;
 * null when it names a store the account has no claim on (the caller answers 404).
 */
export async function scopeStoreIds(account: AccountRef, wanted: string | undefined): Promise<string[] | null> {
  return scopeWithin(await claimedStoreIds(await getDb(), account.id), wanted);
}

/** The same scope from the ids (or stores of storesOf) already read for this request. */
export function scopeWithin(stores: readonly (string | RetailerStore)[], wanted: string | undefined): string[] | null {
  const ids = stores.map((store) => (typeof store === 'string' ? store : store.id));
  if (wanted === undefined) return ids;
  return ids.includes(wanted) ? [wanted] : null;
}

export type Suggestion = ReturnType<typeof suggestPrice>;

export interface DashboardRowView extends DashboardRow {
  suggestion: Suggestion;
}

/** Repricing suggestions for rows of several stores: each store's own rules, each listing's floor. */
async function withSuggestions(accountId: number, rows: DashboardRow[]): Promise<DashboardRowView[]> {
  const db = await getDb();
  const storeIds = [...new Set(rows.map((row) => row.storeId))];
  const [floors, ...rules] = await Promise.all([
    floorsFor(db, accountId, rows.map((row) => row.listingId)),
    ...storeIds.map((storeId) => getRepricingRules(db, accountId, storeId)),
  ]);
  const rulesByStore = new Map<string, RepricingRuleSettings>(storeIds.map((id, i) => [id, rules[i]]));
  return rows.map((row) => ({ ...row, suggestion: suggestionFor(row, rulesByStore.get(row.storeId)!, floors.get(row.listingId) ?? null) }));
}

export function suggestionFor(row: DashboardRow, rules: RepricingRuleSettings, floorPrice: string | null): Suggestion {
  return suggestPrice({
    ownPrice: row.ownPrice,
    ownShipping: row.ownShipping,
    currency: row.currency,
    cheapestTotal: row.cheapestTotal,
    medianTotal: row.medianTotal,
    rules: {
      strategy: rules.strategy,
      beatBy: rules.beatBy,
      maxAboveMedianPercent: rules.maxAboveMedianPercent,
      maxDailyChangePercent: rules.maxDailyChangePercent,
    },
    floorPrice,
  });
}

function queryOptions(storeIds: string[], params: DashboardParams) {
  return { storeIds, filter: params.filter, category: params.category, query: params.q, sort: params.sort };
}

/** The dashboard's first screen: one page of rows with suggestions, the counts, the price index and its history. */
export async function dashboardData(account: AccountRef, storeIds: string[], params: DashboardParams, pageSize = ROWS_PER_PAGE) {
  const db = await getDb();
  const [page, index, history] = await Promise.all([
    getDashboardPage(db, { ...queryOptions(storeIds, params), page: params.page, pageSize }),
    getPriceIndex(db, storeIds),
    getPriceIndexHistory(db, storeIds, 90),
  ]);
  return { ...page, rows: await withSuggestions(account.id, page.rows), index, history };
}

/** One page of rows for the JSON API (no price index: it has its own route). */
export async function dashboardRowsPage(account: AccountRef, storeIds: string[], params: DashboardParams, pageSize: number) {
  const db = await getDb();
  const page = await getDashboardPage(db, { ...queryOptions(storeIds, params), page: params.page, pageSize });
  return { ...page, rows: await withSuggestions(account.id, page.rows) };
}

/** Every row of the filter, in batches, for the CSV export: memory stays flat whatever the catalogue. */
export async function* exportBatches(account: AccountRef, storeIds: string[], params: DashboardParams): AsyncGenerator<DashboardRowView[]> {
  const db = await getDb();
  for await (const batch of iterateDashboardRows(db, queryOptions(storeIds, params))) yield withSuggestions(account.id, batch);
}

export async function priceIndexData(storeIds: string[], days = 90) {
  const db = await getDb();
  const [index, history] = await Promise.all([getPriceIndex(db, storeIds), getPriceIndexHistory(db, storeIds, days)]);
  return { index, history };
}

/** A listing of the account's stores with its position, or undefined (not theirs, or unknown: the same answer). */
export async function ownListing(account: AccountRef, listingId: number) {
  const db = await getDb();
  const storeIds = await claimedStoreIds(db, account.id);
  if (storeIds.length === 0) return undefined;
  const row = await getPosition(db, storeIds, listingId);
  if (!row) return undefined;
  const [[view], floors] = await Promise.all([withSuggestions(account.id, [row]), floorsFor(db, account.id, [row.listingId])]);
  return { ...view, floorPrice: floors.get(row.listingId) ?? null };
}

/** Sets (or, with null, clears) the floor of a listing the caller has already found to be the account's. */
export async function saveFloor(account: AccountRef, listingId: number, floor: string | null): Promise<void> {
  await setListingFloor(await getDb(), account.id, listingId, floor);
}
