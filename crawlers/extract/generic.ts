// Source 5: the generic fallback for pages without markup or store selectors. Reads the price the shopper
// sees from price-like elements (scored by context: near the title and the add-to-cart button, not struck
// through, not in a carousel, not a unit/shipping/instalment price), and title, availability, brand, sku
// and gtin from the page text.
import { phraseAvailability } from '../normalise/availability.ts';
import { parseDeliveryText } from '../normalise/delivery.ts';
import { compareAmounts, displayAmount, isSaneAmount } from './amount.ts';
import {
  CART_TEXT, FOREIGN, HIDDEN, INSTALMENT, LABEL, MAIN, SHIPPING, STRUCK, UNIT,
  type PageScan, type PriceCandidate, type ScoredPrice,
} from './page-scan.ts';
import { readLabelled } from './labels.ts';
import { isBrandInText, stripBrandLabel } from '../../domain/brand-label.ts';
import { cleanText, type PartialListing, type SourcedPartial } from './partial-listing.ts';
import { findTileGrids, inTileGrid, judgePage, type PageVerdict, type TileGrids } from './tiles.ts';
import type { Availability } from '../../domain/availability.ts';

export interface GenericContext {
  currencyHint?: string;
  fetchedAt?: Date;
  /** The page's og:type ("product", "website"), when it states one. */
  ogType?: string;
}

/** The generic reading, with the verdict on whether the page is about one product. */
export interface GenericReading extends SourcedPartial {
  verdict: PageVerdict;
  /** The page's price candidates, best first, and its grids of tiles (for the checks of other sources' prices). */
  ranked: ScoredPrice[];
  grids: TileGrids;
}

/** Text around a number that says it is not the product's price. */
const NOT_PRICE_TEXT =
  /(?:\/\s*(?:kg|g|100\s?g|l|100\s?ml|ml|m|m2|m²|m³|lb|oz|fl\.? ?oz|ct)\b|\bper\s+(?:kg|g|100|l|litre|liter|month|mo)\b|\bpro\s+(?:kg|l|100|stück)|\bje\s+(?:kg|l|100)|\/\s*(?:mo|month|mes|monat|mois)\b|\bx\s*\d+\s*(?:months|meses|mois|rate|cuotas)|\bmonthly\b|\binstal|\bshipping\b|\bdelivery\b|\bpostage\b|\bversand\b|\bsave\b|\bsaving|\bersparnis|\boff\b|\d\s*%|\bcoupon|\bvoucher|\bgift card|\bcashback|\bpoints?\b|\bwas\b|\brrp\b|\bm\.?r\.?p\b|\buvp\b|\bstatt\b|\blist price|\bonly \d+ left|\bstars?\b|\bratings?\b|\breviews?\b|\bexcl\.? (?:vat|tax)\b)/i;
const DISCOUNT = /\d+(?:\.\d+)?\s*(?:折|%\s*(?:off|rabatt|de descuento|di sconto)?)/gi;
const LIST_TEXT = /\b(?:was|rrp|m\.?r\.?p|uvp|statt|list price|regular price|original price|avant|antes|prima|zuvor)\b|原價|定價|市價|原价|建議售價|建议售价|參考價|参考价/i;

/**
 * FOREIGN (carousel, related products…) unless the same container also holds the title: class names such as
 * "with-cookie-info" on the page's main section must not hide the product itself.
 */
export function isForeign(c: PriceCandidate, scan: PageScan): boolean {
  if (!(c.flags & FOREIGN)) return false;
  return !(scan.h1 && scan.h1.foreignFrom >= 0 && c.foreignFrom === scan.h1.foreignFrom);
}

function scoreCandidate(c: PriceCandidate, scan: PageScan, hint?: string): ScoredPrice | null {
  if (c.flags & (UNIT | SHIPPING | INSTALMENT) || isForeign(c, scan)) return null;
  let text = c.text;
  if (c.kind === 'label') {
    const label = LABEL.exec(text);
    if (!label || LIST_TEXT.test(text.slice(0, label.index + label[0].length))) return null;
    // Discounts written beside the price ("7 折", "-30%") are not the price.
    text = text.slice(label.index + label[0].length).replace(DISCOUNT, ' ');
  }
  if (text.length > 120) return null;
  if (NOT_PRICE_TEXT.test(text)) return null;
  const parsed = displayAmount(text, hint);
  if (!parsed || !isSaneAmount(parsed.amount)) return null;
  let score = c.kind === 'element' ? 4 : c.kind === 'label' ? 3 : c.kind === 'data' ? 2 : 0;
  if (parsed.currencyText) score += 2;
  // A price element is mostly the price: "£49.00", not a sentence with a number in it.
  const letters = text.replace(/[\d\s.,:;'’()*+\-–/\\|$€£¥₹₽₩₺₴₪฿]/g, '');
  if (letters.length <= 4) score += 2;
  else if (letters.length > 30) score -= 3;
  if (c.flags & MAIN) score += 2;
  if (c.flags & HIDDEN) score -= 1;
  if (/sale|special|deal|now|our|offer|current|final|actual|buy/i.test(c.hints)) score += 1;
  const h1 = scan.h1?.index;
  if (h1 !== undefined) {
    const after = c.index - h1;
    if (after >= 0 && after < 60_000) score += 4 - Math.min(3, Math.floor(after / 15_000));
    else if (after < 0 && after > -8_000) score += 1;
    else score -= 2;
  }
  if (scan.cartButtons.length > 0) {
    const distance = Math.min(...scan.cartButtons.map((b) => Math.abs(b - c.index)));
    if (distance < 20_000) score += 1;
  }
  return { candidate: c, amount: parsed.amount, currency: parsed.currency, currencyText: parsed.currencyText, score };
}

/** Price candidates of the page, best first. */
export function rankPrices(scan: PageScan, hint?: string): ScoredPrice[] {
  const scored: ScoredPrice[] = [];
  for (const candidate of scan.candidates) {
    if (candidate.flags & STRUCK) continue;
    const s = scoreCandidate(candidate, scan, hint);
    if (s) scored.push(s);
  }
  // Best score first; among equals, the earliest in the page (the main price comes before the rest).
  return scored.sort((a, b) => b.score - a.score || a.candidate.index - b.candidate.index);
}

/**
 * The struck-through/"was" price shown next to the chosen price (greater than it), if any. Prices of other
 * products (carousels, tiles of a grid, anything after a link to another page) are not its old price.
 */
export function findListPrice(scan: PageScan, chosen: ScoredPrice, hint?: string, grids?: TileGrids): string | undefined {
  let best: { amount: string; distance: number } | undefined;
  for (const c of scan.candidates) {
    const isList = c.flags & STRUCK || LIST_TEXT.test(c.text);
    if (!isList || isForeign(c, scan) || (grids && inTileGrid(c, grids)) || c.link !== chosen.candidate.link) continue;
    const distance = Math.abs(c.index - chosen.candidate.index);
    if (distance > 3_000) continue;
    const parsed = displayAmount(c.text.replace(LIST_TEXT, ' '), hint ?? chosen.currency);
    if (!parsed || !isSaneAmount(parsed.amount) || compareAmounts(parsed.amount, chosen.amount) <= 0) continue;
    if (!best || distance < best.distance) best = { amount: parsed.amount, distance };
  }
  return best?.amount;
}

/** A shown list price this many times the price is not the product's old price. */
const MAX_LIST_RATIO = 10;

/**
 * The struck-through/"was" price the page shows beside `price` when another source (markup, selectors) gave
 * the price without one: the best-ranked visible price equal to `price` outside the grids of tiles anchors it.
 */
export function shownListPrice(scan: PageScan, generic: GenericReading, price: string, hint?: string): string | undefined {
  const shown = generic.ranked.find((r) => compareAmounts(r.amount, price) === 0 && !inTileGrid(r.candidate, generic.grids));
  if (!shown) return undefined;
  const list = findListPrice(scan, shown, hint, generic.grids);
  if (!list || Number(list) > Number(price) * MAX_LIST_RATIO) return undefined;
  // Written like the price: "1799" beside "1299.00" is "1799.00".
  const digits = price.split('.')[1]?.length ?? 0;
  const [whole, fraction = ''] = list.split('.');
  return fraction.length < digits ? `${whole}.${fraction.padEnd(digits, '0')}` : list;
}

/** Reads the generic fallback from a page scan. */
export function extractGeneric(scan: PageScan, context: GenericContext, description?: string): GenericReading {
  const reading: PartialListing = {};
  const notes: string[] = [];
  const hint = context.currencyHint;
  const title = scan.h1 && scan.h1.text.length > 2 ? scan.h1.text : scan.title ?? undefined;
  if (title) reading.title = cleanText(title, 300);

  const ranked = rankPrices(scan, hint);
  const grids = findTileGrids(scan);
  const verdict = judgePage(scan, ranked, grids, context.ogType);
  const best = verdict.price;
  if (verdict.kind === 'listing') {
    notes.push(`looks like a listing page: ${verdict.reason}`);
  } else if (best) {
    reading.price = best.amount;
    if (best.currency) reading.currency = best.currency;
    if (best.currencyText) reading.currencyText = best.currencyText;
    const listPrice = findListPrice(scan, best, hint, grids);
    if (listPrice) reading.listPrice = listPrice;
    notes.push(`generic price from ${best.candidate.kind} "${best.candidate.text.slice(0, 40)}" (score ${best.score}, ${ranked.length} candidates)`);
  } else if (description) {
    // Last resort: a labelled price in the page description ("Price: $294. Made of…").
    const price = labelledPrice(description, hint);
    if (price) {
      reading.price = price.amount;
      if (price.currency) reading.currency = price.currency;
      if (price.currencyText) reading.currencyText = price.currencyText;
      notes.push('generic price from a price label in the page description');
    }
  }

  reading.availability = readAvailability(scan) ?? undefined;
  const delivery = readDelivery(scan, context);
  if (delivery) {
    reading.delivery = delivery;
    if (delivery.free) reading.shippingCost = '0';
  }

  Object.assign(reading, readLabelled(scan.lines));
  reading.brand ??= brandNearTitle(scan);
  for (const key of Object.keys(reading) as (keyof PartialListing)[]) if (reading[key] === undefined) delete reading[key];
  return { source: 'generic', reading, notes, verdict, ranked, grids };
}

/** The amount right after a price label in free text, or undefined. */
function labelledPrice(text: string, hint?: string) {
  const label = LABEL.exec(text);
  if (!label) return undefined;
  const after = text.slice(label.index + label[0].length, label.index + label[0].length + 40).replace(DISCOUNT, ' ');
  const value = /^[^\d]{0,8}\d[\d.,' ]*(?:\s?[^\s\d.,。;；]{1,4})?/.exec(after.trim());
  if (!value) return undefined;
  const parsed = displayAmount(value[0], hint);
  return parsed && isSaneAmount(parsed.amount) ? parsed : undefined;
}

/** How far from the title a brand-named element speaks for the product (characters before / after). */
const BRAND_BEFORE_TITLE = 5_000;
const BRAND_AFTER_TITLE = 20_000;

/** The text of an element whose class names the brand ("product-brand", "bylineInfo"), next to the title. */
function brandNearTitle(scan: PageScan): string | undefined {
  const h1 = scan.h1?.index;
  if (h1 === undefined) return undefined;
  for (const { text, index } of scan.brandTexts) {
    if (index < h1 - BRAND_BEFORE_TITLE || index > h1 + BRAND_AFTER_TITLE) continue;
    const brand = cleanText(stripBrandLabel(text), 100);
    if (brand && isBrandInText(brand)) return brand;
  }
  return undefined;
}

/** Availability from stock messages, then from an add-to-cart button. */
export function readAvailability(scan: PageScan) {
  // Stock messages next to the add-to-cart control speak for the product; others may be about images or options.
  const anchors = scan.cartButtons.length > 0 ? scan.cartButtons : [scan.h1?.index ?? 0];
  const distance = (index: number) => Math.min(...anchors.map((a) => Math.abs(a - index)));
  const messages = scan.stockTexts
    .filter((m) => !/\b(?:image|photo|picture|bild|imagen|immagine)\b/i.test(m.text))
    .sort((a, b) => distance(a.index) - distance(b.index));
  for (const message of messages) {
    const availability = phraseAvailability(message.text);
    if (availability) return availability;
  }
  return stockLineAfterTitle(scan) ?? (scan.cartButtons.length > 0 ? 'in_stock' : null);
}

/** How many lines after the title a bare stock line ("En Stock", "Sold out") may stand. */
const STOCK_LINE_REACH = 60;
const MAX_STOCK_LINE = 40;
/** Lines that say more than the stock state: options ("Available in 3 colours"), delivery, buttons. */
const NOT_STOCK_LINE = /\d+\s*(?:colou?rs?|sizes?|options?)|(?:in|for|from|on|at|to|with|when|if)\s+\S|add(?:ed)? to|notify|check|store|shop|click|collect|deliver|shipping|pick-?up|payment|financ|warrant/i;

/**
 * A short line that is only a stock state, shortly after the title: the stock message of shops whose
 * markup names no stock class (<p>En Stock</p> under the price).
 */
function stockLineAfterTitle(scan: PageScan): Availability | null {
  const title = scan.h1?.text;
  if (!title) return null;
  const at = scan.lines.indexOf(title);
  if (at < 0) return null;
  const lines = scan.lines.slice(at).split('\n', STOCK_LINE_REACH);
  for (const line of lines.slice(1)) {
    const text = line.trim();
    // A buy button's text holds CSS-toggled stock labels ("Add to cart Out of stock"): not a message.
    if (text.length < 3 || text.length > MAX_STOCK_LINE || NOT_STOCK_LINE.test(text) || CART_TEXT.test(text)) continue;
    const availability = phraseAvailability(text);
    if (availability) return availability;
  }
  return null;
}

function readDelivery(scan: PageScan, context: GenericContext) {
  const h1 = scan.h1?.index ?? 0;
  const messages = [...scan.deliveryTexts].sort((a, b) => Math.abs(a.index - h1) - Math.abs(b.index - h1));
  for (const message of messages.slice(0, 20)) {
    const delivery = parseDeliveryText(message.text, { fetchedAt: context.fetchedAt });
    if (delivery && (delivery.minDays !== null || delivery.maxDays !== null)) return delivery;
  }
  return null;
}
