// The retailer JSON API's shapes: the dashboard rows and the price index as a script reads them.
// Money stays exact decimal strings; field names are the API's promise, kept apart from the tables.
import { jsonError } from '../../lib/http.ts';
import type { DashboardRowView } from './retailer.server.ts';

export const API_DEFAULT_PER_PAGE = 100;
export const API_MAX_PER_PAGE = 200;

/** ?per_page=: 1 to 200, default 100; null for anything else. */
export function parsePerPage(raw: string | null): number | null {
  if (raw === null || raw === '') return API_DEFAULT_PER_PAGE;
  if (!/^\d{1,4}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 && n <= API_MAX_PER_PAGE ? n : null;
}

export function toApiRow(row: DashboardRowView) {
  return {
    listing_id: row.listingId,
    store_id: row.storeId,
    product_id: row.productId,
    title: row.title,
    url: row.url,
    category: row.category,
    currency: row.currency,
    own: { price: row.ownPrice, shipping: row.ownShipping, total: row.ownTotal, buyable: row.ownBuyable, delivery_max_days: row.ownDeliveryDays },
    rank: row.rank,
    competitors: row.competitors,
    competitors_out_of_stock: row.competitorsOutOfStock,
    /** Buyable offers seen once only: not ranked against until a second reading confirms them. */
    competitors_pending: row.competitorsPending,
    cheapest: row.cheapestTotal === null ? null : { listing_id: row.cheapestListingId, store_id: row.cheapestStoreId, store_name: row.cheapestStoreName, total: row.cheapestTotal },
    median_total: row.medianTotal,
    gap: row.gap,
    gap_percent: row.gapPercent,
    delivery: { fastest_competitor_days: row.fastestCompetitorDays, competitors_faster: row.competitorsFaster, competitors_slower: row.competitorsSlower },
    suggestion: { price: row.suggestion.price, reasons: row.suggestion.reasons },
    updated_at: row.updatedAt instanceof Date ? row.updatedAt.toISOString() : row.updatedAt,
  };
}

/** The same 404 for an unknown store and another account's: nothing tells one from the other. */
export const unknownStore = () => privateJson(jsonError(404, 'No such store in your account'));

/** A JSON answer that only this token's holder may keep. */
export function privateJson(response: Response): Response {
  response.headers.set('Cache-Control', 'private, no-store');
  return response;
}
