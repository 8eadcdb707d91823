// schema.org Product/Offer objects (from JSON-LD, or microdata turned into the same shape) → a PartialListing.
// Finds the product the page is about, then the offer the shopper sees: the variant or offer named by the
// URL, else the first offer in stock with a price.
import { normaliseAvailability } from '../normalise/availability.ts';
import { normaliseCurrency } from '../normalise/currency.ts';
import { deliveryFromShippingDetails } from '../normalise/delivery.ts';
import { compareAmounts, isSaneAmount, readStructuredAmount, structuredAmount } from './amount.ts';
import { cleanText, type PartialListing } from './partial-listing.ts';
import { brandName, identifiers } from './schema-identifiers.ts';
import { asList, firstText, isNode, MAX_DEPTH, MAX_NODES, prop, resolved, typeNames, type SchemaContext, type SchemaNode } from './schema-node.ts';

export { asList, isNode, typeNames, type SchemaContext, type SchemaNode } from './schema-node.ts';

const PRODUCT_TYPES = new Set(['product', 'productgroup', 'productmodel', 'individualproduct', 'someproducts', 'vehicle', 'car', 'book']);
const OFFER_TYPES = new Set(['offer', 'aggregateoffer']);
/** Properties that point at other products than the one on the page. */
const FOREIGN_KEYS = new Set([
  'isrelatedto', 'issimilarto', 'isaccessoryorsparepartfor', 'isconsumablefor', 'review', 'reviews',
  'itemlistelement', 'relatedlink', 'significantlink', 'breadcrumb', 'potentialaction', 'ispartof', 'brand',
  'manufacturer', 'seller', 'offeredby', 'author', 'publisher', 'haspart', 'associatedmedia',
]);

function hasType(node: SchemaNode, types: Set<string>): boolean {
  return typeNames(node).some((name) => types.has(name));
}

function firstUrl(value: unknown): string | undefined {
  for (const item of asList(value)) {
    const text = isNode(item) ? cleanText(item.url ?? item.contentUrl ?? item['@id'], 2000) : cleanText(item, 2000);
    if (text) return text;
  }
  return undefined;
}

/** Every Product node under the roots, in document order, not following links to other products. */
export function findProducts(roots: unknown[]): SchemaNode[] {
  const found: SchemaNode[] = [];
  let visited = 0;
  const walk = (value: unknown, depth: number, insideProduct: boolean): void => {
    if (depth > MAX_DEPTH || visited > MAX_NODES) return;
    if (Array.isArray(value)) {
      for (const item of value) walk(item, depth + 1, insideProduct);
      return;
    }
    if (!isNode(value)) return;
    visited += 1;
    const product = hasType(value, PRODUCT_TYPES);
    // Variants of a ProductGroup are read through the group, not as products of their own.
    if (product && !insideProduct) found.push(value);
    for (const [key, child] of Object.entries(value)) {
      if (typeof child !== 'object' || child === null) continue;
      const bare = key.toLowerCase();
      if (FOREIGN_KEYS.has(bare)) continue;
      walk(child, depth + 1, insideProduct || product);
    }
  };
  for (const root of roots) walk(root, 0, false);
  return found;
}

/** Offers found at the top level (an Offer whose itemOffered is the product, or a bare Offer). */
export function findLooseOffers(roots: unknown[]): SchemaNode[] {
  const offers: SchemaNode[] = [];
  for (const root of roots) {
    for (const item of asList(isNode(root) && Array.isArray(root['@graph']) ? root['@graph'] : root)) {
      if (isNode(item) && hasType(item, OFFER_TYPES)) offers.push(item);
    }
  }
  return offers;
}

/** Lower-cased tokens of the page URL (path segments, query and fragment values) that may name a variant. */
export function urlTokens(url: string): Set<string> {
  const tokens = new Set<string>();
  try {
    const parsed = new URL(url);
    for (const part of `${parsed.pathname}/${parsed.search}/${parsed.hash}`.split(/[/?&#=;,_-]+/)) {
      if (part.length >= 3) tokens.add(decodeURIComponent(part).toLowerCase());
    }
    for (const value of parsed.searchParams.values()) if (value.length >= 3) tokens.add(value.toLowerCase());
    for (const value of new URLSearchParams(parsed.hash.slice(1)).values()) if (value.length >= 3) tokens.add(value.toLowerCase());
  } catch {
    // A page without a usable URL has no variant hints.
  }
  return tokens;
}

/** True when a sku/gtin/productID/url of the node appears in the page URL's variant tokens. */
function matchesUrl(node: SchemaNode, tokens: Set<string>, url: string): boolean {
  if (tokens.size === 0) return false;
  for (const key of ['sku', 'productID', 'gtin', 'gtin13', 'gtin12', 'gtin14', 'gtin8', 'mpn', '@id', 'url']) {
    for (const value of asList(prop(node, key))) {
      const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
      if (text.length < 3) continue;
      if (key === 'url' || key === '@id') {
        if (text === url || (text.includes('?') && url.endsWith(text.replace(/^https?:\/\/[^/]+/, '')))) return true;
        continue;
      }
      if (tokens.has(text.toLowerCase())) return true;
    }
  }
  return false;
}

interface OfferPrice {
  price?: string;
  listPrice?: string;
  currency?: string;
  /** The offer's price field when it holds no one number, with the reason; set only when no price was read. */
  refused?: { value: string; reason: string };
}

/** The price of one offer: price, a priceSpecification list (sale vs ListPrice/StrikethroughPrice), or lowPrice. */
function offerPrice(offer: SchemaNode, hint?: string): OfferPrice {
  const currencyOf = (node: SchemaNode): string | undefined => cleanText(prop(node, 'priceCurrency'), 20);
  let currency = currencyOf(offer);
  let price: string | undefined;
  let listPrice: string | undefined;
  let refused: OfferPrice['refused'];
  for (const value of asList(prop(offer, 'price'))) {
    const field = isNode(value) ? value['@value'] ?? value.value : value;
    const read = readStructuredAmount(field, currency ?? hint);
    if (read.ok) {
      price = read.amount;
      break;
    }
    if (field != null) refused ??= { value: typeof field === 'string' ? field : JSON.stringify(field) ?? String(field), reason: read.reason };
  }
  for (const spec of asList(prop(offer, 'priceSpecification'))) {
    if (!isNode(spec)) continue;
    const amount = structuredAmount(prop(spec, 'price'), hint);
    if (!amount) continue;
    const kind = String(prop(spec, 'priceType') ?? '').toLowerCase();
    if (/listprice|strikethrough|msrp|srp|regular|was/.test(kind)) listPrice ??= amount;
    else if (!/minimum|maximum|invoice|sale/.test(kind) || /sale/.test(kind)) price ??= amount;
    currency ??= currencyOf(spec);
  }
  if (!price) {
    price = structuredAmount(prop(offer, 'lowPrice'), hint);
  }
  if (!price) {
    // AggregateOffer holding offers: read the first priced one.
    for (const inner of asList(prop(offer, 'offers'))) {
      if (!isNode(inner)) continue;
      const innerPrice = offerPrice(inner, hint);
      if (innerPrice.price) return { ...innerPrice, currency: innerPrice.currency ?? currency };
    }
  }
  return price ? { price, listPrice, currency } : { price, listPrice, currency, refused };
}

/** Flattens offers (Offer, lists, AggregateOffer with offers[]) into single offers, keeping the aggregate too. */
export function flattenOffers(value: unknown): SchemaNode[] {
  const out: SchemaNode[] = [];
  for (const item of asList(value)) {
    if (!isNode(item)) continue;
    const inner = asList(prop(item, 'offers')).filter(isNode);
    if (inner.length > 0) out.push(...flattenOffers(inner));
    out.push(item);
  }
  return out;
}

function offerAvailability(offer: SchemaNode) {
  return normaliseAvailability(firstText(prop(offer, 'availability')) ?? null);
}

/** Picks the offer the shopper sees. */
function chooseOffer(offers: SchemaNode[], tokens: Set<string>, url: string, hint?: string): SchemaNode | undefined {
  const priced = offers.filter((offer) => {
    const price = offerPrice(offer, hint).price;
    return price !== undefined && isSaneAmount(price);
  });
  if (priced.length === 0) return offers[0];
  return (
    priced.find((offer) => matchesUrl(offer, tokens, url)) ??
    priced.find((offer) => offerAvailability(offer) === 'in_stock' && !hasType(offer, new Set(['aggregateoffer']))) ??
    priced.find((offer) => !hasType(offer, new Set(['aggregateoffer']))) ??
    priced[0]
  );
}

function shipping(offer: SchemaNode, reading: PartialListing, context: SchemaContext): void {
  for (const details of asList(prop(offer, 'shippingDetails'))) {
    if (!isNode(details)) continue;
    const rate = prop(details, 'shippingRate');
    const rateNode = asList(rate).find(isNode);
    const cost = structuredAmount(rateNode ? prop(rateNode, 'value') ?? prop(rateNode, 'price') : rate);
    if (cost !== undefined && reading.shippingCost === undefined) reading.shippingCost = compareAmounts(cost, '0') === 0 ? '0' : cost;
    const delivery = deliveryFromShippingDetails(details, { fetchedAt: context.fetchedAt });
    if (delivery && !reading.delivery) reading.delivery = delivery;
    if (reading.delivery && reading.shippingCost === '0') reading.delivery.free = true;
    return;
  }
}

/** The product node and the variant node the page shows (the same node when there are no variants). */
function chooseVariant(product: SchemaNode, tokens: Set<string>, url: string, hint?: string): SchemaNode {
  const variants = asList(prop(product, 'hasVariant')).filter(isNode);
  if (variants.length === 0) return product;
  const byUrl = variants.find((variant) => matchesUrl(variant, tokens, url));
  if (byUrl) return byUrl;
  const productOffers = flattenOffers(prop(product, 'offers'));
  if (productOffers.some((offer) => offerPrice(offer, hint).price)) return product;
  const inStock = variants.find((variant) => flattenOffers(prop(variant, 'offers')).some((o) => offerAvailability(o) === 'in_stock'));
  return inStock ?? variants[0];
}

/** Picks the product the page is about: the one matching the URL, else the first one with a priced offer. */
export function chooseProduct(products: SchemaNode[], url: string, hint?: string): SchemaNode | undefined {
  if (products.length <= 1) return products[0];
  const tokens = urlTokens(url);
  return (
    products.find((product) => matchesUrl(product, tokens, url)) ??
    products.find((product) => flattenOffers(prop(product, 'offers')).some((offer) => offerPrice(offer, hint).price)) ??
    products[0]
  );
}

/** Reads one product node (and its chosen variant and offer) into a PartialListing. */
export function readProduct(product: SchemaNode, context: SchemaContext, notes: string[] = []): PartialListing {
  const tokens = urlTokens(context.url);
  const variant = chooseVariant(product, tokens, context.url, context.currencyHint);
  if (variant !== product) notes.push('product group: read the variant the page shows');
  const reading: PartialListing = {};
  const nodes = variant === product ? [product] : [variant, product];
  for (const node of nodes) {
    reading.title ??= firstText(prop(node, 'name'), 300);
    reading.brand ??= brandName(firstText(resolved(prop(node, 'brand'), context), 200) ?? firstText(resolved(prop(node, 'manufacturer'), context), 200));
    reading.image ??= firstUrl(prop(node, 'image'));
    reading.category ??= firstText(prop(node, 'category'), 200);
    identifiers(node, reading);
  }
  let offers = flattenOffers(prop(variant, 'offers'));
  if (offers.length === 0 && variant !== product) offers = flattenOffers(prop(product, 'offers'));
  if (offers.length > 1) notes.push(`${offers.length} offers: chose the one the shopper sees`);
  const offer = chooseOffer(offers, tokens, context.url, context.currencyHint);
  if (offer) applyOffer(offer, reading, context);
  return reading;
}

const MAX_ALTERNATIVES = 50;

/**
 * The other priced offers of a product (its own offers and its variants'), each read on its own: when the
 * page visibly shows one of them rather than the chosen one, the page wins.
 */
export function alternativeOffers(product: SchemaNode, context: SchemaContext, chosenPrice?: string): PartialListing[] {
  const out: PartialListing[] = [];
  const sources: { offers: SchemaNode[]; variant?: SchemaNode }[] = [{ offers: flattenOffers(prop(product, 'offers')) }];
  for (const variant of asList(prop(product, 'hasVariant')).filter(isNode)) {
    sources.push({ offers: flattenOffers(prop(variant, 'offers')), variant });
  }
  for (const { offers, variant } of sources) {
    for (const offer of offers) {
      if (out.length >= MAX_ALTERNATIVES) return out;
      if (hasType(offer, new Set(['aggregateoffer']))) continue;
      const reading: PartialListing = {};
      if (variant) identifiers(variant, reading);
      applyOffer(offer, reading, context);
      if (!reading.price || !isSaneAmount(reading.price)) continue;
      if (chosenPrice && compareAmounts(reading.price, chosenPrice) === 0) continue;
      delete reading.delivery;
      delete reading.shippingCost;
      out.push(reading);
    }
  }
  return out;
}

/** Copies price, currency, availability, seller, shipping and offer-level identifiers from an offer. */
export function applyOffer(offer: SchemaNode, reading: PartialListing, context: SchemaContext): void {
  const { price, listPrice, currency, refused } = offerPrice(offer, context.currencyHint);
  if (price) reading.price = price;
  else if (refused) reading.refusedPrice = refused;
  if (listPrice) reading.listPrice = listPrice;
  if (currency) {
    reading.currencyText = currency;
    const iso = normaliseCurrency(currency, context.currencyHint);
    if (iso) reading.currency = iso;
  }
  const availability = offerAvailability(offer);
  if (availability) reading.availability = availability;
  reading.seller ??= firstText(prop(offer, 'seller'), 200) ?? firstText(prop(offer, 'offeredBy'), 200);
  identifiers(offer, reading);
  shipping(offer, reading, context);
  const item = prop(offer, 'itemOffered');
  if (isNode(item)) {
    reading.title ??= firstText(prop(item, 'name'), 300);
    reading.brand ??= brandName(firstText(resolved(prop(item, 'brand'), context), 200));
    identifiers(item, reading);
  }
}
