// The Meta-style demo store's catalogue feed: the TSV a Facebook/Instagram shop uploads to its
// Meta catalogue (id, title, description, availability, condition, price "13499.00 INR",
// sale_price with sale_price_effective_date, link, image_link, brand, gtin, mpn, item_group_id,
// shipping "IN::Standard:49.00 INR", shipping_weight), served gzipped at META_FEED_PATH. Some
// listings are used or refurbished (cheaper, and never to be compared as new); whole product
// lines share an item_group_id. The body is a pure function of the tick, so its ETag changes
// only when the feed does.
import { gzipSync } from 'node:zlib';
import { decimal } from '../format.ts';
import type { Page } from '../page.ts';
import { unit } from '../random.ts';
import type { OfferView, SiteContext } from '../site.ts';
import type { StoreListing } from '../store-profiles.ts';
import { absolute, imageUrl } from '../templates/shared.ts';

export const META_FEED_PATH = '/catalogue/meta-feed.tsv.gz';

export type FeedCondition = 'new' | 'used' | 'refurbished';

const COLUMNS = [
  'id', 'title', 'description', 'availability', 'condition', 'price', 'sale_price', 'sale_price_effective_date',
  'link', 'image_link', 'brand', 'gtin', 'mpn', 'item_group_id', 'shipping', 'shipping_weight',
] as const;

/** What the store sells a listing as: about one in eight used, one in twelve refurbished. */
export function listingCondition(ctx: SiteContext, listing: StoreListing): FeedCondition {
  const roll = unit(ctx.inventory.seed, 'condition', ctx.profile.id, listing.product.id);
  return roll < 0.12 ? 'used' : roll < 0.2 ? 'refurbished' : 'new';
}

/** Used goods sell well below new, refurbished a little below; a second-hand item has no "sale". */
const CONDITION_FACTOR: Record<FeedCondition, number> = { new: 1, used: 0.72, refurbished: 0.86 };

export interface FeedOffer {
  condition: FeedCondition;
  /** The price shown, in minor units. */
  priceMinor: number;
  /** The regular price when a sale is on. */
  regularMinor: number | null;
  shippingMinor: number;
  inStock: boolean;
}

/** A listing's offer as the feed (and its product page) states it. */
export function feedOffer(ctx: SiteContext, listing: StoreListing): FeedOffer {
  const view: OfferView = ctx.offer(listing);
  const condition = listingCondition(ctx, listing);
  const inStock = view.quote.stock !== 'out_of_stock';
  if (condition !== 'new') {
    const priceMinor = Math.round((view.quote.priceMinor * CONDITION_FACTOR[condition]) / 100) * 100;
    return { condition, priceMinor, regularMinor: null, shippingMinor: ctx.profile.shippingMinor(priceMinor, listing.product), inStock };
  }
  return { condition, priceMinor: view.quote.priceMinor, regularMinor: view.quote.wasMinor, shippingMinor: view.shippingMinor, inStock };
}

/** A TSV field: no tabs or line breaks in it, and quoted (quotes doubled) when it holds a quote. */
function field(value: string | null | undefined): string {
  const text = (value ?? '').replace(/[\t\r\n]+/g, ' ');
  return text.includes('"') ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(ctx: SiteContext, listing: StoreListing, tickMs: number): string {
  const offer = feedOffer(ctx, listing);
  const p = listing.product;
  const money = (minor: number) => `${decimal(minor)} ${ctx.profile.currency}`;
  const sinceMs = ctx.offer(listing).quote.sinceTick * tickMs;
  const onSale = offer.regularMinor !== null && offer.regularMinor > offer.priceMinor;
  const bulky = p.category === 'tvs' || p.category === 'appliances';
  const values: Record<(typeof COLUMNS)[number], string | null> = {
    id: listing.code,
    title: listing.title,
    description: p.name,
    availability: offer.inStock ? 'in stock' : 'out of stock',
    condition: offer.condition,
    price: money(onSale ? offer.regularMinor! : offer.priceMinor),
    sale_price: onSale ? money(offer.priceMinor) : null,
    // The sale runs from the day before the quote's first tick (a feed's dates are coarse, and a
    // reader's clock may trail the market's) until at least tomorrow.
    sale_price_effective_date: onSale ? `${new Date(sinceMs - 86_400_000).toISOString()}/${new Date(ctx.nowMs + 86_400_000).toISOString()}` : null,
    link: absolute(ctx, listing.path),
    image_link: imageUrl(ctx, listing),
    brand: p.brand,
    gtin: listing.showsGtin ? p.gtin : null,
    mpn: p.model,
    item_group_id: p.familyId,
    shipping: `${ctx.profile.country}::Standard:${money(offer.shippingMinor)}`,
    shipping_weight: bulky ? '14 kg' : '0.5 kg',
  };
  return COLUMNS.map((name) => field(values[name])).join('\t');
}

/** The whole feed as TSV text. */
export function metaFeedTsv(ctx: SiteContext, tickMs: number): string {
  return [COLUMNS.join('\t'), ...ctx.inventory.listings.map((listing) => row(ctx, listing, tickMs))].join('\n') + '\n';
}

/** Answers the feed path; everything else goes to the shared routing. */
export function metaFeedRoute(ctx: SiteContext, url: URL, options: { tickMs: number }): Page | null {
  if (url.pathname !== META_FEED_PATH) return null;
  return { status: 200, contentType: 'application/gzip', body: gzipSync(metaFeedTsv(ctx, options.tickMs), { level: 6 }) };
}
