// extractListing: HTML string in, typed ExtractionResult out. Pure (no network, no database) and never
// throws. Sources are tried in order — JSON-LD, microdata, OpenGraph, store selectors, shop-platform script
// data, the generic fallback — and merged field by field; where the page visibly shows a sale price below
// the markup's price, the shopper's price wins.
import { shownValue } from '../../domain/decimal.ts';
import { isValidShippingCost, toMoneyScale } from '../../domain/price.ts';
import { isIsoCurrency, normaliseCurrency } from '../normalise/currency.ts';
import { compareAmounts, displayAmount, isSaneAmount } from './amount.ts';
import { extractGeneric, isForeign, rankPrices, shownListPrice, type GenericReading } from './generic.ts';
import { localCurrency } from './country-currency.ts';
import { checkInput } from './guard.ts';
import { gtinFromCode, labelsBelow, visibleCodeShown } from './identifier-checks.ts';
import { extractJsonLd } from './jsonld.ts';
import { extractedListingSchema } from './listing-schema.ts';
import { mergeReadings, type Merged } from './merge.ts';
import { extractMicrodata } from './microdata.ts';
import { extractOpenGraph, readMetaTags } from './opengraph.ts';
import { scanPage, STRUCK, type PageScan } from './page-scan.ts';
import type { PartialListing, SourcedPartial } from './partial-listing.ts';
import { extractScriptData } from './script-data.ts';
import { extractWithSelectors } from './selectors.ts';
import { MIN_TILES } from './tiles.ts';
import { absoluteUrl, baseUrl } from './urls.ts';
import type { ExtractedListing, ExtractionResult, ExtractOptions, ExtractionSource } from './types.ts';

export type { ExtractedListing, ExtractionResult, ExtractOptions } from './types.ts';

const MARKUP_SOURCES = new Set<ExtractionSource>(['jsonld', 'microdata', 'opengraph']);

/**
 * True when the page shows a lower sale price than the markup: a visible price element near the title
 * differs from the markup price, and the markup price itself is shown struck through next to it.
 */
function visibleSalePrice(scan: PageScan, markupPrice: string, hint?: string): { price: string; currencyText: string | null } | null {
  const [best] = rankPrices(scan, hint);
  if (!best || compareAmounts(best.amount, markupPrice) >= 0) return null;
  const struckMarkup = scan.candidates.some((c) => {
    if (!(c.flags & STRUCK) || isForeign(c, scan) || Math.abs(c.index - best.candidate.index) > 3_000) return false;
    const parsed = displayAmount(c.text, hint);
    return parsed !== undefined && compareAmounts(parsed.amount, markupPrice) === 0;
  });
  return struckMarkup ? { price: best.amount, currencyText: best.currencyText } : null;
}

/** Characters read before and after the first <h1> when only the title area needs checking. */
const WINDOW_BEFORE = 20_000;
const WINDOW_AFTER = 100_000;

/** Scans the part of the page around the first <h1> (or the start of the body when there is none). */
function scanWindow(html: string): { scan: PageScan; end: number } {
  const h1 = html.search(/<h1[\s>]/i);
  const anchor = h1 >= 0 ? h1 : Math.max(0, html.search(/<body[\s>]/i));
  const end = anchor + WINDOW_AFTER;
  return { scan: scanPage(html.slice(Math.max(0, anchor - WINDOW_BEFORE), end)), end };
}

/**
 * An out-of-stock reading from markup is overruled when the page itself shows an enabled add-to-cart
 * button and an in-stock message or none at all: the markup then describes another variant.
 */
function availabilityShown(merged: Merged, generic: PartialListing, warnings: string[]): void {
  const marked = merged.reading.availability;
  if (marked !== 'out_of_stock' || generic.availability !== 'in_stock') return;
  warnings.push('markup says out of stock, the page offers the product for sale: using in stock');
  merged.reading.availability = 'in_stock';
  merged.sources.availability = 'generic';
}

/**
 * Why the page is a category, search or home page rather than one product's page, or null. Without markup,
 * a grid of product tiles with no single dominant product is one (reading it would invent a product from its
 * first tile and its heading); with markup, so is a page marking up several products, none named like its h1,
 * whose grid of tiles shows the marked-up price.
 */
function isListingPage(merged: Merged, generic: GenericReading, readings: SourcedPartial[], scan: PageScan, markupPrice?: string): string | null {
  if (generic.verdict.kind !== 'listing' || merged.sources.title === 'selectors') return null;
  if (!markupPrice) return generic.verdict.reason;
  const products = readings.find((r) => r.source === merged.sources.price)?.products ?? 1;
  if (products < MIN_TILES) return null;
  const squashed = (text: string | undefined) => (text ?? '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  const title = squashed(merged.reading.title);
  const h1 = squashed(scan.h1?.text);
  if (title && h1 && (title.includes(h1) || h1.includes(title))) return null;
  return `${products} products in the markup, none named like the page heading, and ${generic.verdict.reason}`;
}

/** How far after the title the shown price may be for the offer check (characters). */
const SHOWN_PRICE_REACH = 15_000;

/**
 * The markup offer the page visibly shows, when it is not the one chosen from the markup alone: the
 * page's main price (a price element shortly after the title) equals another offer's price.
 */
function shownAlternative(scan: PageScan, priced: SourcedPartial | undefined, markupPrice: string, hint?: string): PartialListing | undefined {
  const alternatives = priced?.alternatives;
  if (!alternatives || alternatives.length === 0 || !scan.h1) return undefined;
  const [best] = rankPrices(scan, hint);
  if (!best || best.candidate.kind !== 'element') return undefined;
  const after = best.candidate.index - scan.h1.index;
  if (after < 0 || after > SHOWN_PRICE_REACH || compareAmounts(best.amount, markupPrice) === 0) return undefined;
  return alternatives.find((alt) => alt.price && compareAmounts(alt.price, best.amount) === 0);
}

function finalise(merged: Merged, options: ExtractOptions, base: string, warnings: string[]): ExtractedListing {
  const { reading, sources } = merged;
  const hint = options.currencyHint && isIsoCurrency(options.currencyHint) ? options.currencyHint : undefined;
  let currency = reading.currency && isIsoCurrency(reading.currency) ? reading.currency : null;
  // An ambiguous sign ("$", "kr", "¥", "元") is read as the local currency of the store or the page's domain.
  const local = hint ?? localCurrency(options.url, options.country);
  if (reading.currencyText && local) {
    const settled = normaliseCurrency(reading.currencyText, local);
    if (settled === local && settled !== currency) currency = settled;
  }
  if (!currency && reading.currencyText) currency = normaliseCurrency(reading.currencyText, hint);
  if (!currency && hint && reading.price) {
    currency = hint;
    warnings.push(`currency taken from the store's currency ${hint}`);
  }
  const fieldSources: ExtractedListing['fieldSources'] = {};
  for (const [field, source] of Object.entries(sources)) (fieldSources as Record<string, ExtractionSource>)[field] = source;
  const shippingCost = reading.shippingCost && isValidShippingCost(reading.shippingCost) ? toMoneyScale(reading.shippingCost) : null;
  // Amounts as the money columns keep them, so that the next crawl's reading equals the stored one.
  const atScale = (amount: string | undefined) => (amount ? toMoneyScale(amount) : null);
  return {
    url: options.url,
    title: reading.title ?? '',
    brand: reading.brand ?? null,
    sku: reading.sku ?? null,
    gtin: reading.gtin ?? null,
    mpn: reading.mpn ?? null,
    image: absoluteUrl(reading.image, base),
    category: reading.category ?? null,
    price: atScale(reading.price),
    listPrice: atScale(reading.listPrice),
    currency,
    currencyText: reading.currencyText?.slice(0, 40) ?? null,
    shippingCost,
    delivery: reading.delivery ?? null,
    availability: reading.availability ?? 'unknown',
    seller: reading.seller ?? null,
    source: sources.price ?? sources.title ?? 'generic',
    fieldSources,
  };
}

/** Reads one product page. Never throws: bad input gives `{ ok: false, error }`. */
export function extractListing(html: string, options: ExtractOptions): ExtractionResult {
  const refused = checkInput(html);
  if (refused) return { ok: false, error: refused };
  try {
    return extract(html, options);
  } catch (error) {
    // A bug or pathological input must not take the crawler down: report it as unreadable markup.
    return { ok: false, error: { code: 'malformed', message: `could not read the page: ${(error as Error).message}` } };
  }
}

function extract(html: string, options: ExtractOptions): ExtractionResult {
  const warnings: string[] = [];
  const context = { url: options.url, fetchedAt: options.fetchedAt, currencyHint: options.currencyHint };
  const readings: SourcedPartial[] = [];
  const add = (reading: SourcedPartial | null) => {
    if (!reading) return;
    readings.push(reading);
    if (reading.notes) warnings.push(...reading.notes.map((note) => `${reading.source}: ${note}`));
  };
  add(extractJsonLd(html, context));
  add(extractMicrodata(html, context));
  const metas = readMetaTags(html);
  add(extractOpenGraph(metas, options.currencyHint));
  if (options.selectors && Object.keys(options.selectors).length > 0) {
    add(extractWithSelectors(html, options.selectors, context));
  }
  add(extractScriptData(html, options.url));

  let merged = mergeReadings(readings);
  const markupPrice = merged.reading.price && MARKUP_SOURCES.has(merged.sources.price!) ? merged.reading.price : undefined;
  // The page scan is the costly part. Without a markup price the whole page is read by the generic
  // fallback; with one, only the part around the title is read, to check that the markup price is the
  // one the shopper sees and to fill fields the markup left open (availability, delivery); labels further
  // down (spec tables) are read afterwards by a cheaper text pass, only for codes still missing.
  const { scan, end: scannedTo } = markupPrice ? scanWindow(html) : { scan: scanPage(html), end: html.length };
  if (markupPrice) {
    const hint = merged.reading.currency ?? options.currencyHint;
    const sale = visibleSalePrice(scan, markupPrice, hint);
    const shown = sale ? undefined : shownAlternative(scan, readings.find((r) => r.source === merged.sources.price), markupPrice, hint);
    if (sale) {
      warnings.push(`page shows a sale price ${sale.price} beside the markup price ${markupPrice}: using the sale price`);
      // The price is read from the page itself; the markup's price is the one shown struck through.
      readings.unshift({ source: 'generic', reading: { price: sale.price, listPrice: markupPrice } });
    } else if (shown) {
      warnings.push(`page shows the price ${shown.price} of another offer in the markup (not ${markupPrice}): using that offer`);
      readings.unshift({ source: merged.sources.price!, reading: shown });
    }
  }
  const description = metas.get('og:description') ?? metas.get('description');
  const generic = extractGeneric(scan, { ...context, ogType: metas.get('og:type') }, description);
  if (!generic.reading.title && metas.get('og:title')) generic.reading.title = metas.get('og:title');
  if (markupPrice) {
    delete generic.reading.price;
    delete generic.reading.listPrice;
    generic.notes = [];
  }
  add(generic);
  merged = mergeReadings(readings);
  const listingPage = isListingPage(merged, generic, readings, scan, markupPrice);
  if (listingPage) return { ok: false, error: { code: 'no_product', message: `expected a product page, found a listing page: ${listingPage}` } };
  availabilityShown(merged, generic.reading, warnings);
  visibleCodeShown(merged, generic.reading, scan, warnings);
  labelsBelow(merged, html, scannedTo);
  gtinFromCode(merged);
  const { price, listPrice } = merged.reading;
  if (price && !listPrice && merged.sources.price !== 'generic') {
    const shownList = shownListPrice(scan, generic, price, merged.reading.currency ?? options.currencyHint);
    if (shownList) {
      merged.reading.listPrice = shownList;
      merged.sources.listPrice = 'generic';
    }
  }
  for (const { source, price, reason, absurd } of merged.refused) {
    warnings.push(`${source}: refused ${absurd ? 'absurd ' : ''}price ${shownValue(price)}: ${reason}`);
  }
  const listing = finalise(merged, options, baseUrl(html, options.url), warnings);

  const absurd = merged.refused.filter((r) => r.absurd);
  if (!listing.price && absurd.length > 0) {
    return {
      ok: false,
      error: { code: 'absurd_price', message: absurd.map((r) => `${r.source}: ${r.reason}`).join('; ') },
      partial: listing,
    };
  }
  if (!listing.price) {
    const productLike = listing.sku || listing.gtin || merged.sources.title === 'jsonld' || merged.sources.title === 'microdata' || scan.cartButtons.length > 0;
    if (!productLike) {
      return { ok: false, error: { code: 'no_product', message: 'expected a product page, found no product markup, price or add-to-cart control' }, partial: listing };
    }
    warnings.push('no_price: the page shows no readable price');
  }
  const checked = extractedListingSchema.safeParse(listing);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    return {
      ok: false,
      error: { code: 'malformed', message: `extracted listing failed validation at ${issue.path.join('.')}: ${issue.message}` },
      partial: listing,
    };
  }
  return { ok: true, listing, warnings };
}
