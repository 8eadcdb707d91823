// Source 3: OpenGraph and product meta tags (og:title, og:image, product:price:amount, og:price:currency…).
// A targeted scan of <meta> tags only.
import { normaliseAvailability } from '../normalise/availability.ts';
import { normaliseCurrency } from '../normalise/currency.ts';
import { normaliseGtin } from '../normalise/identifiers.ts';
import { compareAmounts, readStructuredAmount, structuredAmount } from './amount.ts';
import { parseAttributes } from './html-scan.ts';
import { cleanText, type PartialListing, type SourcedPartial } from './partial-listing.ts';

const META = /<meta\b((?:[^>"']|"[^"]*"|'[^']*')*)>/gi;
const MAX_META = 2_000;

/** Meta tags by lower-cased property/name (first value wins). */
export function readMetaTags(html: string): Map<string, string> {
  const metas = new Map<string, string>();
  META.lastIndex = 0;
  let match: RegExpExecArray | null;
  let count = 0;
  while ((match = META.exec(html)) !== null && count < MAX_META) {
    count += 1;
    const attrs = match[1];
    if (!/\b(?:property|name)\s*=/i.test(attrs)) continue;
    const parsed = parseAttributes(attrs);
    const key = (parsed.property ?? parsed.name ?? '').trim().toLowerCase();
    if (!key || parsed.content === undefined || metas.has(key)) continue;
    metas.set(key, parsed.content);
  }
  return metas;
}

function first(metas: Map<string, string>, keys: string[]): string | undefined {
  for (const key of keys) {
    const value = cleanText(metas.get(key));
    if (value) return value;
  }
  return undefined;
}

/** Reads OpenGraph product tags, or null when the page has none of interest. */
export function extractOpenGraph(metas: Map<string, string>, currencyHint?: string): SourcedPartial | null {
  if (metas.size === 0) return null;
  const reading: PartialListing = {};
  const currencyText = first(metas, ['product:price:currency', 'og:price:currency', 'product:sale_price:currency']);
  const hint = currencyText ?? currencyHint;
  const regularText = first(metas, ['product:price:amount', 'og:price:amount', 'product:price']);
  const regularRead = regularText === undefined ? undefined : readStructuredAmount(regularText, hint);
  const regular = regularRead?.ok ? regularRead.amount : undefined;
  const sale = structuredAmount(first(metas, ['product:sale_price:amount', 'og:sale_price:amount']), hint);
  const original = structuredAmount(first(metas, ['product:original_price:amount', 'og:original_price:amount']), hint);
  if (sale && regular && compareAmounts(sale, regular) < 0) {
    reading.price = sale;
    reading.listPrice = regular;
  } else {
    reading.price = regular ?? sale;
    if (original && reading.price && compareAmounts(original, reading.price) > 0) reading.listPrice = original;
  }
  if (!reading.price) delete reading.price;
  if (!reading.price && regularRead && !regularRead.ok) reading.refusedPrice = { value: regularText!, reason: regularRead.reason };
  if (!reading.listPrice) delete reading.listPrice;
  if (currencyText) {
    reading.currencyText = currencyText;
    const iso = normaliseCurrency(currencyText, currencyHint);
    if (iso) reading.currency = iso;
  }
  reading.title = first(metas, ['og:title', 'twitter:title']);
  reading.image = first(metas, ['og:image', 'og:image:url', 'og:image:secure_url', 'twitter:image']);
  reading.brand = first(metas, ['product:brand', 'og:brand', 'og:product:brand', 'product:manufacturer']);
  reading.sku = first(metas, ['product:retailer_item_id', 'product:sku', 'og:sku', 'product:retailer_part_no']);
  reading.mpn = first(metas, ['product:mfr_part_no', 'product:mpn']);
  const availability = first(metas, ['product:availability', 'og:availability']);
  if (availability) reading.availability = normaliseAvailability(availability) ?? undefined;
  const gtin = first(metas, ['product:gtin', 'product:ean', 'product:upc', 'product:isbn', 'og:upc', 'og:ean', 'og:gtin', 'books:isbn', 'book:isbn']);
  if (gtin) reading.gtin = normaliseGtin(gtin) ?? undefined;
  const category = first(metas, ['product:category']);
  if (category) reading.category = category;
  for (const key of Object.keys(reading) as (keyof PartialListing)[]) if (reading[key] === undefined) delete reading[key];
  return Object.keys(reading).length > 0 ? { source: 'opengraph', reading } : null;
}
