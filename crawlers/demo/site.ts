// What one demo store's pages are rendered from at one tick: its listings and their offers.
import type { DemoCategory, DemoProduct } from './catalogue/index.ts';
import { DEMO_CATEGORIES } from './catalogue/index.ts';
import { localDate, type LocalDate } from './format.ts';
import { quoteAt, type MarketQuote } from './market.ts';
import { storeListings, type DemoStoreProfile, type StoreListing } from './store-profiles.ts';

export interface OfferView {
  listing: StoreListing;
  quote: MarketQuote;
  shippingMinor: number;
  /** Null when out of stock (stores promise no date then). */
  delivery: { minDays: number; maxDays: number; earliest: LocalDate; latest: LocalDate } | null;
}

/** A store's fixed inventory: listings by code and by category. Built once per store and seed. */
export interface StoreInventory {
  profile: DemoStoreProfile;
  seed: number;
  listings: StoreListing[];
  byCode: Map<string, StoreListing>;
  /** By path with query ("/products/x?variant=1"); a family's plain path also names its first variant (Shopify does so). */
  byPath: Map<string, StoreListing>;
  byCategory: Map<DemoCategory, StoreListing[]>;
  /** Category by the store's URL slug. */
  categoryBySlug: Map<string, DemoCategory>;
}

function pathIndex(listings: StoreListing[]): Map<string, StoreListing> {
  const byPath = new Map<string, StoreListing>();
  for (const listing of listings) {
    byPath.set(listing.path, listing);
    const plain = listing.path.split('?', 1)[0];
    if (!byPath.has(plain)) byPath.set(plain, listing);
  }
  return byPath;
}

export function buildInventory(profile: DemoStoreProfile, catalogue: DemoProduct[], seed: number): StoreInventory {
  const listings = storeListings(profile, catalogue, seed);
  const byCategory = new Map<DemoCategory, StoreListing[]>(DEMO_CATEGORIES.map((c) => [c, []]));
  for (const listing of listings) byCategory.get(listing.product.category)!.push(listing);
  return {
    profile,
    seed,
    listings,
    byCode: new Map(listings.map((l) => [l.code, l])),
    byPath: pathIndex(listings),
    byCategory,
    categoryBySlug: new Map(DEMO_CATEGORIES.map((c) => [profile.categories[c].slug, c])),
  };
}

/** Everything a template needs for one page at one tick. */
export interface SiteContext {
  inventory: StoreInventory;
  profile: DemoStoreProfile;
  tick: number;
  /** Start of the tick: the moment every page of this tick is written for. */
  nowMs: number;
  baseUrl: string;
  offer(listing: StoreListing): OfferView;
}

export function siteContext(inventory: StoreInventory, tick: number, tickMs: number, baseUrl: string): SiteContext {
  const { profile, seed } = inventory;
  const nowMs = tick * tickMs;
  const localDay = Math.floor((nowMs + profile.tzOffsetMinutes * 60_000) / 86_400_000);
  const cache = new Map<string, OfferView>();
  return {
    inventory,
    profile,
    tick,
    nowMs,
    baseUrl,
    offer(listing) {
      const cached = cache.get(listing.code);
      if (cached) return cached;
      const quote = quoteAt(seed, profile.market, listing.product, tick);
      const days = profile.deliveryDays(listing.product, localDay, seed);
      const view: OfferView = {
        listing,
        quote,
        shippingMinor: profile.shippingMinor(quote.priceMinor, listing.product),
        delivery:
          quote.stock === 'out_of_stock'
            ? null
            : {
                ...days,
                earliest: localDate(nowMs, profile.tzOffsetMinutes, days.minDays),
                latest: localDate(nowMs, profile.tzOffsetMinutes, days.maxDays),
              },
      };
      cache.set(listing.code, view);
      return view;
    },
  };
}

/** `count` other listings of the same category, next to this one in the store's list (a carousel). */
export function relatedListings(inventory: StoreInventory, listing: StoreListing, count: number): StoreListing[] {
  const peers = inventory.byCategory.get(listing.product.category) ?? [];
  const at = peers.indexOf(listing);
  const result: StoreListing[] = [];
  for (let step = 1; result.length < count && step < peers.length; step++) {
    result.push(peers[(at + step * 3) % peers.length]);
  }
  return result.filter((l, i, all) => l !== listing && all.indexOf(l) === i);
}

/** Page `page` (1-based) of a category, and how many pages there are. */
export function categorySlice(
  inventory: StoreInventory,
  category: DemoCategory,
  page: number,
): { items: StoreListing[]; pages: number } | null {
  const all = inventory.byCategory.get(category) ?? [];
  const per = inventory.profile.perPage;
  const pages = Math.max(1, Math.ceil(all.length / per));
  if (!Number.isInteger(page) || page < 1 || page > pages) return null;
  return { items: all.slice((page - 1) * per, page * per), pages };
}

export function discountPercent(priceMinor: number, wasMinor: number | null): number | null {
  if (wasMinor === null || wasMinor <= priceMinor) return null;
  return Math.round(((wasMinor - priceMinor) / wasMinor) * 100);
}
