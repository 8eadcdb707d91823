// Source 4: the store's own CSS selectors (store config `selectors`). Builds a DOM with cheerio's fast
// htmlparser2 mode, only for stores that configure selectors.
import { load } from 'cheerio/slim';
import { normaliseAvailability } from '../normalise/availability.ts';
import { normaliseCurrency } from '../normalise/currency.ts';
import { parseDeliveryText } from '../normalise/delivery.ts';
import { normaliseGtin } from '../normalise/identifiers.ts';
import { displayAmount, structuredAmount } from './amount.ts';
import { cleanText, type PartialListing, type SourcedPartial } from './partial-listing.ts';
import type { StoreSelectors } from './types.ts';

type Loaded = ReturnType<typeof load>;

/** An image's real source: lazy-loading pages put a placeholder in src and the image in data-src or srcset. */
function imageSource(attr: (name: string) => string | undefined): string | undefined {
  const src = attr('src');
  if (src && !/^data:|blank\.|spacer\.|placeholder|pixel\.gif/i.test(src)) return src;
  const lazy = attr('data-src') ?? attr('data-lazy-src') ?? attr('data-original') ?? attr('srcset') ?? attr('data-srcset');
  return lazy?.trim().split(/\s+/)[0] || src;
}

/** Value of the first element a selector list matches: an attribute value where the element carries one. */
function select($: Loaded, selector: string | undefined, notes: string[]): string | undefined {
  if (!selector) return undefined;
  let found;
  try {
    found = $(selector).first();
  } catch (error) {
    notes.push(`selector "${selector}" is not valid CSS: ${(error as Error).message}`);
    return undefined;
  }
  if (found.length === 0) return undefined;
  return elementValue(found);
}

/** What one matched element says: an attribute value where the element carries one (content, src, href, value), else its text. */
export function elementValue(found: ReturnType<Loaded>): string | undefined {
  const name = (found.prop('tagName') ?? '').toString().toLowerCase();
  const attr =
    found.attr('content') ??
    (name === 'img' ? imageSource((key) => found.attr(key)) : undefined) ??
    (name === 'a' || name === 'link' ? found.attr('href') : undefined) ??
    (name === 'input' ? found.attr('value') : undefined);
  return cleanText(attr ?? found.text(), 2_000);
}

export interface SelectorContext {
  currencyHint?: string;
  fetchedAt?: Date;
}

/** Reads the fields the store's selectors point at. */
export function extractWithSelectors(html: string, selectors: StoreSelectors, context: SelectorContext): SourcedPartial {
  const notes: string[] = [];
  const $ = load(html);
  const get = (key: keyof StoreSelectors) => select($, selectors[key], notes);
  const reading: PartialListing = {};
  const currencyText = get('currency');
  const hint = currencyText ?? context.currencyHint;
  const priceText = get('price');
  if (priceText) {
    const parsed = displayAmount(priceText, hint);
    if (parsed) {
      reading.price = /^\s*-/.test(priceText) ? `-${parsed.amount}` : parsed.amount;
      if (parsed.currency) reading.currency = parsed.currency;
      if (parsed.currencyText) reading.currencyText = parsed.currencyText;
    }
  }
  const listText = get('listPrice');
  if (listText) reading.listPrice = displayAmount(listText, hint)?.amount;
  if (currencyText && !reading.currency) {
    reading.currencyText = currencyText;
    reading.currency = normaliseCurrency(currencyText, context.currencyHint) ?? undefined;
  }
  reading.title = get('title');
  reading.brand = get('brand');
  reading.sku = get('sku');
  reading.mpn = get('mpn');
  reading.image = get('image');
  reading.category = get('category');
  reading.seller = get('seller');
  const gtin = get('gtin');
  if (gtin) reading.gtin = normaliseGtin(gtin) ?? undefined;
  const availability = get('availability');
  if (availability) reading.availability = normaliseAvailability(availability) ?? undefined;
  const shipping = get('shipping');
  if (shipping) reading.shippingCost = structuredAmount(shipping, hint) ?? (/free|gratis|kostenlos/i.test(shipping) ? '0' : undefined);
  const delivery = get('delivery');
  if (delivery) reading.delivery = parseDeliveryText(delivery, { fetchedAt: context.fetchedAt }) ?? undefined;
  for (const key of Object.keys(reading) as (keyof PartialListing)[]) if (reading[key] === undefined) delete reading[key];
  return { source: 'selectors', reading, notes };
}
