// Marketplace pages: one product offered by several sellers, each at its own price, shipping, delivery
// and condition. Reads the seller offers of the page's product — schema.org offers (an Offer list, or an
// AggregateOffer holding offers) in JSON-LD or microdata, else the store's offer selectors — through the
// same price reading and checks as a single offer: an absurd price drops that offer alone, recorded.
// Pure and never throws. A page is a seller list only when its offers name two or more sellers (or one
// seller's new and used offers); offers for different GTINs are variants, and a variant page stays one listing.
import { shownValue } from '../../domain/decimal.ts';
import type { ListingCondition } from '../../domain/listing.ts';
import { checkPrice, isValidShippingCost, toMoneyScale } from '../../domain/price.ts';
import { isIsoCurrency, normaliseCurrency } from '../normalise/currency.ts';
import { deliveryFromShippingDetails } from '../normalise/delivery.ts';
import { compareAmounts, isSaneAmount } from './amount.ts';
import { normaliseCondition } from './condition.ts';
import { checkInput } from './guard.ts';
import { readJsonLdBlocks } from './jsonld.ts';
import { extractedListingSchema } from './listing-schema.ts';
import { readMicrodataItems } from './microdata.ts';
import { selectorOfferDrafts } from './offer-selectors.ts';
import type { DraftOffer, PartialListing } from './partial-listing.ts';
import { applyOffer, chooseProduct, findLooseOffers, findProducts } from './schema-product.ts';
import { asList, firstText, indexIds, isNode, prop, resolved, typeNames, type SchemaContext, type SchemaNode } from './schema-node.ts';
import { sellerSlug } from './seller-url.ts';
import type { ExtractedListing, ExtractionSource, ExtractOptions } from './types.ts';

/** Most seller offers kept from one page (the first ones, in page order). */
export const MAX_SELLER_OFFERS = 50;
/** Offer nodes or rows looked at on one page: a hostile page may list thousands. */
export const MAX_SCANNED_OFFERS = 500;
/** How deep AggregateOffers may nest offers. */
const MAX_OFFER_DEPTH = 4;

/** One seller's offer as read from the page, checked and at the money columns' scale. */
export interface SellerOffer {
  seller: string;
  condition: ListingCondition;
  price: string;
  listPrice: string | null;
  currency: string | null;
  currencyText: string | null;
  shippingCost: string | null;
  delivery: ExtractedListing['delivery'];
  availability: ExtractedListing['availability'];
  source: ExtractionSource;
}

/** An offer of the list that could not be read (its seller is still on the page). */
export interface RefusedOffer {
  seller: string;
  condition: ListingCondition;
  reason: string;
  absurd: boolean;
}

export interface OfferList {
  /** True when the page lists several sellers' offers (or one seller's new and used ones). */
  sellerList: boolean;
  /** The seller offers, one per seller and condition, in page order; empty unless `sellerList`. */
  offers: SellerOffer[];
  /** Offers of the seller list refused (absurd or unreadable price). */
  refused: RefusedOffer[];
  /** The condition every offer read states (one used or refurbished item's page), else 'new'. */
  condition: ListingCondition;
  warnings: string[];
}

const EMPTY: OfferList = { sellerList: false, offers: [], refused: [], condition: 'new', warnings: [] };

/** Leaf offers under a product's `offers` (AggregateOffers opened), each with the currency its aggregate states. */
function leafOffers(value: unknown, inherited: string | undefined, depth: number, out: { offer: SchemaNode; currency?: string }[]): void {
  for (const item of asList(value)) {
    if (out.length >= MAX_SCANNED_OFFERS) return;
    if (!isNode(item)) continue;
    const currency = firstText(prop(item, 'priceCurrency'), 20) ?? inherited;
    const inner = prop(item, 'offers');
    if (inner !== undefined && depth < MAX_OFFER_DEPTH) leafOffers(inner, currency, depth + 1, out);
    else if (!typeNames(item).includes('aggregateoffer')) out.push({ offer: item, currency });
  }
}

function deliveryLeadTime(offer: SchemaNode, context: SchemaContext): PartialListing['delivery'] {
  // deliveryLeadTime: the days until the goods leave the seller, a QuantitativeValue like handlingTime.
  const lead = asList(prop(offer, 'deliveryLeadTime')).find(isNode);
  if (!lead) return undefined;
  return deliveryFromShippingDetails({ deliveryTime: { handlingTime: lead } }, { fetchedAt: context.fetchedAt }) ?? undefined;
}

/** Drafts of the offers of one schema.org product (or the page's loose offers). */
function schemaDrafts(product: SchemaNode | undefined, roots: unknown[], context: SchemaContext): DraftOffer[] {
  const leaves: { offer: SchemaNode; currency?: string }[] = [];
  if (product) leafOffers(prop(product, 'offers'), undefined, 0, leaves);
  if (leaves.length === 0) leafOffers(findLooseOffers(roots), undefined, 0, leaves);
  const productCondition = product ? normaliseCondition(firstText(prop(product, 'itemCondition'), 200)) : null;
  return leaves.map(({ offer, currency }) => {
    const reading: PartialListing = {};
    applyOffer(offer, reading, context);
    if (!reading.currencyText && currency) {
      reading.currencyText = currency;
      reading.currency = normaliseCurrency(currency, context.currencyHint) ?? undefined;
    }
    reading.delivery ??= deliveryLeadTime(offer, context);
    const seller = firstText(resolved(prop(offer, 'seller'), context), 200) ?? firstText(resolved(prop(offer, 'offeredBy'), context), 200);
    const condition = normaliseCondition(firstText(prop(offer, 'itemCondition'), 200)) ?? productCondition;
    return { seller, condition, reading };
  });
}

function jsonLdDrafts(html: string, context: SchemaContext): DraftOffer[] {
  const { roots } = readJsonLdBlocks(html);
  if (roots.length === 0) return [];
  let ids: Map<string, SchemaNode> | undefined;
  const resolving = { ...context, resolve: (id: string) => (ids ??= indexIds(roots)).get(id) };
  return schemaDrafts(chooseProduct(findProducts(roots), context.url, context.currencyHint), roots, resolving);
}

function microdataDrafts(html: string, context: SchemaContext): DraftOffer[] {
  const items = readMicrodataItems(html);
  if (items.length === 0) return [];
  const product = chooseProduct(findProducts(items), context.url, context.currencyHint);
  return product ? schemaDrafts(product, [], context) : [];
}

const quoted = (name: string) => shownValue(name);

/** Whether the drafts are (at least `minimum`) sellers' offers of one product, and why not when they are not. */
function isSellerList(drafts: DraftOffer[], minimum: number): { yes: boolean; why?: string } {
  const named = drafts.filter((d) => d.seller);
  const keys = new Set(named.map((d) => `${sellerSlug(d.seller!)}\u0000${d.condition ?? 'new'}`));
  if (keys.size < minimum || keys.size === 0) return { yes: false };
  const gtins = new Set(named.map((d) => d.reading.gtin).filter(Boolean));
  if (gtins.size > 1) return { yes: false, why: `offers name ${gtins.size} GTINs: variants of the product, not sellers of one` };
  return { yes: true };
}

/** Checks one draft of a seller list: a SellerOffer, or why it was refused. */
function finish(draft: DraftOffer & { seller: string }, source: ExtractionSource, options: ExtractOptions): SellerOffer | RefusedOffer {
  const condition = draft.condition ?? 'new';
  const { reading } = draft;
  if (reading.price === undefined) {
    const reason = reading.refusedPrice ? `price ${shownValue(reading.refusedPrice.value)} is no one number: ${reading.refusedPrice.reason}` : 'no price';
    return { seller: draft.seller, condition, reason, absurd: false };
  }
  const check = checkPrice(reading.price);
  if (!check.ok) return { seller: draft.seller, condition, reason: `absurd price ${shownValue(reading.price)}: ${check.reason}`, absurd: true };
  const hint = options.currencyHint && isIsoCurrency(options.currencyHint) ? options.currencyHint : undefined;
  let currency = reading.currency && isIsoCurrency(reading.currency) ? reading.currency : null;
  if (!currency && reading.currencyText) currency = normaliseCurrency(reading.currencyText, hint);
  currency ??= hint ?? null;
  const list = reading.listPrice;
  const shipping = reading.shippingCost;
  return {
    seller: draft.seller,
    condition,
    price: toMoneyScale(reading.price),
    listPrice: list && isSaneAmount(list) && compareAmounts(list, reading.price) > 0 ? toMoneyScale(list) : null,
    currency,
    currencyText: reading.currencyText?.slice(0, 40) ?? null,
    shippingCost: shipping && isValidShippingCost(shipping) ? toMoneyScale(shipping) : null,
    delivery: reading.delivery ?? null,
    availability: reading.availability ?? 'unknown',
    source,
  };
}

/** The condition all drafts state, when they agree; else new. */
function sharedCondition(drafts: DraftOffer[]): ListingCondition {
  const stated = new Set(drafts.map((d) => d.condition ?? 'new'));
  return stated.size === 1 ? [...stated][0] : 'new';
}

export interface OfferListOptions {
  /**
   * Read one seller's offer as a seller list too: the page had several sellers before, and the one
   * left keeps its own listing. Default false: a page with one seller is an ordinary product page.
   */
  singleSeller?: boolean;
}

/** Reads the seller offers of a page. Never throws: unreadable input gives no seller list. */
export function extractOfferList(html: string, options: ExtractOptions, { singleSeller = false }: OfferListOptions = {}): OfferList {
  if (checkInput(html)) return EMPTY;
  // Most pages name no seller and no condition: one scan for the words spares parsing the markup again.
  if (!options.selectors?.offer && !/seller|offeredby|itemcondition/i.test(html)) return EMPTY;
  try {
    return readOfferList(html, options, singleSeller ? 1 : 2);
  } catch (error) {
    return { ...EMPTY, warnings: [`offers: could not read the seller offers: ${(error as Error).message}`] };
  }
}

function readOfferList(html: string, options: ExtractOptions, minimum: number): OfferList {
  const context: SchemaContext = { url: options.url, fetchedAt: options.fetchedAt, currencyHint: options.currencyHint };
  const warnings: string[] = [];
  const sources: [ExtractionSource, () => DraftOffer[]][] = [
    ['jsonld', () => jsonLdDrafts(html, context)],
    ['microdata', () => microdataDrafts(html, context)],
  ];
  const { offer } = options.selectors ?? {};
  if (offer && options.selectors) {
    const selectors = options.selectors;
    sources.push(['selectors', () => selectorOfferDrafts(html, selectors, context, warnings)]);
  }
  let first: DraftOffer[] | undefined;
  for (const [source, read] of sources) {
    const drafts = read();
    if (drafts.length === 0) continue;
    first ??= drafts;
    const verdict = isSellerList(drafts, minimum);
    if (verdict.why) warnings.push(`${source}: ${verdict.why}`);
    if (verdict.yes) return sellerOffers(drafts, source, options, warnings);
  }
  return { ...EMPTY, condition: first ? sharedCondition(first) : 'new', warnings };
}

function sellerOffers(drafts: DraftOffer[], source: ExtractionSource, options: ExtractOptions, warnings: string[]): OfferList {
  const offers: SellerOffer[] = [];
  const refused: RefusedOffer[] = [];
  const keys = new Set<string>();
  let unnamed = 0;
  let extra = 0;
  for (const draft of drafts) {
    if (!draft.seller) {
      unnamed++;
      continue;
    }
    const key = `${sellerSlug(draft.seller)}\u0000${draft.condition ?? 'new'}`;
    if (keys.has(key)) {
      warnings.push(`${source}: seller ${quoted(draft.seller)} lists a second ${draft.condition ?? 'new'} offer: kept the first`);
      continue;
    }
    if (keys.size >= MAX_SELLER_OFFERS) {
      extra++;
      continue;
    }
    keys.add(key);
    const checked = finish(draft as DraftOffer & { seller: string }, source, options);
    if ('price' in checked) offers.push(checked);
    else {
      refused.push(checked);
      warnings.push(`${source}: refused the offer of seller ${quoted(checked.seller)}: ${checked.reason}`);
    }
  }
  if (unnamed > 0) warnings.push(`${source}: ${unnamed} offer(s) name no seller: skipped`);
  if (extra > 0) warnings.push(`${source}: more than ${MAX_SELLER_OFFERS} seller offers: kept the first ${MAX_SELLER_OFFERS}`);
  return { sellerList: true, offers, refused, condition: 'new', warnings };
}

/**
 * One listing per seller offer: the page's product fields (title, brand, identifiers, image) with the
 * seller's own price, shipping, delivery, stock and name. Each is checked against the listing contract;
 * one that fails is refused with the reason.
 */
export function sellerListings(
  base: ExtractedListing,
  offers: readonly SellerOffer[],
): { listings: { listing: ExtractedListing; condition: ListingCondition }[]; refused: RefusedOffer[] } {
  const listings: { listing: ExtractedListing; condition: ListingCondition }[] = [];
  const refused: RefusedOffer[] = [];
  for (const offer of offers) {
    const { source } = offer;
    const listing: ExtractedListing = {
      ...base,
      price: offer.price,
      listPrice: offer.listPrice,
      currency: offer.currency,
      currencyText: offer.currencyText,
      shippingCost: offer.shippingCost,
      delivery: offer.delivery,
      availability: offer.availability,
      seller: offer.seller,
      source,
      fieldSources: { ...base.fieldSources, price: source, listPrice: source, currency: source, shippingCost: source, delivery: source, availability: source, seller: source },
    };
    const checked = extractedListingSchema.safeParse(listing);
    if (checked.success) listings.push({ listing, condition: offer.condition });
    else {
      const issue = checked.error.issues[0];
      refused.push({ seller: offer.seller, condition: offer.condition, reason: `failed validation at ${issue.path.join('.')}: ${issue.message}`, absurd: false });
    }
  }
  return { listings, refused };
}
