// The demo marketplace's sellers: which sellers offer each product (2–5, fixed per product and seed, so
// crawls across ticks see the same sellers), and what each charges at a tick: the market's quote plus
// the seller's own offset, its own shipping and delivery, and now and then a used or refurbished offer.
import type { DemoProduct } from './catalogue/index.ts';
import { localDate, type LocalDate } from './format.ts';
import type { MarketStock } from './market.ts';
import { intBetween, unit } from './random.ts';
import type { OfferView, SiteContext } from './site.ts';
import type { StoreListing } from './store-profiles.ts';

export type DemoCondition = 'new' | 'used' | 'refurbished';

/** A seller of one product: fixed for the product and seed. */
export interface DemoSeller {
  name: string;
  condition: DemoCondition;
  /** Price multiplier on the market quote (the first seller, the buy box, charges the quote). */
  factor: number;
  shipping: 'free' | 'threshold' | 'flat';
  /** Days this seller adds to the store's delivery window. */
  extraDays: number;
}

/** One seller's offer at one tick. */
export interface SellerOfferView {
  seller: DemoSeller;
  priceMinor: number;
  shippingMinor: number;
  stock: MarketStock;
  /** Null when out of stock. */
  delivery: { minDays: number; maxDays: number; earliest: LocalDate; latest: LocalDate } | null;
}

const SELLER_NAMES = [
  'Appario Retail',
  'Cloudtail India',
  'Darshita Electronics',
  'RetailEZ Pvt Ltd',
  'TrueCom Retail',
  'Kalyan Mobiles & Co.',
  'SuperComNet',
  'Shree Ganesh Traders',
  'Bharat Digital Hub',
  'Zippy Gadgets',
] as const;
const REFURBISHER = 'ReNew Hub (Certified Refurbished)';
const SHIPPING_RULES: DemoSeller['shipping'][] = ['free', 'threshold', 'flat'];

/** The sellers of a product on the marketplace, buy box first. */
export function demoSellers(product: DemoProduct, seed: number): DemoSeller[] {
  const count = intBetween(2, 5, seed, 'mm-sellers', product.id);
  // The seller pool in an order of its own for this product: the first `count` sell it.
  const names = [...SELLER_NAMES].sort((a, b) => unit(seed, 'mm-order', product.id, a) - unit(seed, 'mm-order', product.id, b)).slice(0, count);
  const sellers: DemoSeller[] = names.map((name, index) => ({
    name,
    condition: 'new',
    factor: index === 0 ? 1 : 1 + (unit(seed, 'mm-offset', product.id, name) - 0.35) * 0.12,
    shipping: SHIPPING_RULES[intBetween(0, 2, seed, 'mm-ship', product.id, name)],
    extraDays: index === 0 ? 0 : intBetween(0, 3, seed, 'mm-days', product.id, name),
  }));
  // A third of the products also have a second-hand offer: a seller's own used one, or a refurbisher's.
  const used = unit(seed, 'mm-used', product.id);
  if (used < 0.18) {
    const seller = sellers[sellers.length - 1];
    sellers.push({ ...seller, condition: 'used', factor: seller.factor * (0.7 + unit(seed, 'mm-used-factor', product.id) * 0.15), shipping: 'flat', extraDays: seller.extraDays + 1 });
  } else if (used < 0.33) {
    sellers.push({ name: REFURBISHER, condition: 'refurbished', factor: 0.8 + unit(seed, 'mm-refurb-factor', product.id) * 0.1, shipping: 'free', extraDays: 2 });
  }
  return sellers;
}

/** Rupee prices as the marketplace writes them: whole rupees ending in 9 (₹13,499, ₹899). */
function marketplacePrice(minor: number): number {
  const rupees = minor / 100;
  const step = rupees >= 1000 ? 100 : 10;
  return (Math.max(step, Math.round(rupees / step) * step) - 1) * 100;
}

function shippingMinor(rule: DemoSeller['shipping'], priceMinor: number): number {
  if (rule === 'free') return 0;
  if (rule === 'threshold') return priceMinor >= 49_900 ? 0 : 4_000;
  return 9_900;
}

/**
 * Every seller's offer for a listing at the context's tick. The buy box follows the market's quote
 * (price and stock); the others follow it by their own offset, out of stock now and then.
 */
export function sellerOffers(ctx: SiteContext, listing: StoreListing): SellerOfferView[] {
  const { profile, inventory, nowMs } = ctx;
  const offer: OfferView = ctx.offer(listing);
  const { quote } = offer;
  const localDay = Math.floor((nowMs + profile.tzOffsetMinutes * 60_000) / 86_400_000);
  const days = profile.deliveryDays(listing.product, localDay, inventory.seed);
  return demoSellers(listing.product, inventory.seed).map((seller, index) => {
    const priceMinor = index === 0 ? quote.priceMinor : marketplacePrice(quote.priceMinor * seller.factor);
    // A seller's stock is rolled once per quote, so the page changes only when the market does.
    const stock: MarketStock =
      index === 0 ? quote.stock : unit(inventory.seed, 'mm-stock', listing.product.id, seller.name, seller.condition, quote.sinceTick) < 0.08 ? 'out_of_stock' : 'in_stock';
    const minDays = days.minDays + seller.extraDays;
    const maxDays = days.maxDays + seller.extraDays;
    return {
      seller,
      priceMinor,
      shippingMinor: shippingMinor(seller.shipping, priceMinor),
      stock,
      delivery:
        stock === 'out_of_stock'
          ? null
          : { minDays, maxDays, earliest: localDate(nowMs, profile.tzOffsetMinutes, minDays), latest: localDate(nowMs, profile.tzOffsetMinutes, maxDays) },
    };
  });
}
