// Product data that shop platforms print into inline scripts rather than schema.org markup: Shopify's
// `var meta = {"product": …}` (ShopifyAnalytics.meta) and its theme's product JSON
// (<script type="application/json" data-product-json> / id="ProductJson-…"). Read for brand (vendor), sku
// and barcode of the variant the page shows, when the markup leaves them open.
import { normaliseGtin } from '../normalise/identifiers.ts';
import { parseLenientJson } from './lenient-json.ts';
import { cleanText, type PartialListing, type SourcedPartial } from './partial-listing.ts';
import { asList, isNode, type SchemaNode } from './schema-node.ts';

/** Where a JSON object starts: `var meta = {` (Shopify analytics) and product JSON script tags. */
const META_START = /\bvar\s+meta\s*=\s*(?=\{\s*"product")/g;
const PRODUCT_SCRIPT = /<script\b[^>]*?(?:\bdata-product-json\b|\bid\s*=\s*["']?ProductJson)[^>]*>([\s\S]{0,500000}?)<\/script\s*>/gi;
/** Longest object read: a product with a few hundred variants. */
const MAX_OBJECT = 500_000;
const MAX_VARIANTS = 500;

/** The JSON object starting at `start` (balanced braces, aware of strings), or undefined. */
export function objectAt(text: string, start: number): string | undefined {
  if (text[start] !== '{') return undefined;
  let depth = 0;
  let inString = false;
  const end = Math.min(text.length, start + MAX_OBJECT);
  for (let i = start; i < end; i += 1) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i += 1;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth += 1;
    else if (c === '}') {
      depth -= 1;
      if (depth === 0) return text.slice(start, i + 1);
    }
  }
  return undefined;
}

/** The variant the URL names (?variant=123), else the first available one, else the first. */
function chooseVariant(variants: SchemaNode[], url: string): SchemaNode | undefined {
  let wanted: string | null = null;
  try {
    wanted = new URL(url).searchParams.get('variant');
  } catch {
    // No usable URL: no variant named.
  }
  return (
    (wanted ? variants.find((v) => String(v.id) === wanted) : undefined) ??
    variants.find((v) => v.available === true) ??
    variants[0]
  );
}

/** Brand, sku and gtin of one platform product object ({vendor, variants: [{id, sku, barcode}]}). */
function readPlatformProduct(product: SchemaNode, url: string): PartialListing {
  const reading: PartialListing = {};
  const brand = cleanText(product.vendor, 100);
  if (brand) reading.brand = brand;
  const variants = asList(product.variants).slice(0, MAX_VARIANTS).filter(isNode);
  const variant = chooseVariant(variants, url);
  if (variant) {
    const sku = cleanText(variant.sku, 100);
    if (sku) reading.sku = sku;
    const barcode = variant.barcode;
    const gtin = normaliseGtin(typeof barcode === 'string' || typeof barcode === 'number' ? barcode : null);
    if (gtin) reading.gtin = gtin;
  }
  return reading;
}

/** Reads Shopify-style product data from inline scripts, or null when the page has none. */
export function extractScriptData(html: string, url: string): SourcedPartial | null {
  if (!/var\s+meta\s*=|data-product-json|ProductJson/.test(html)) return null;
  const reading: PartialListing = {};
  const fill = (found: PartialListing) => {
    for (const [key, value] of Object.entries(found) as [keyof PartialListing, string][]) if (value && !reading[key]) reading[key] = value as never;
  };
  PRODUCT_SCRIPT.lastIndex = 0;
  for (let match = PRODUCT_SCRIPT.exec(html), n = 0; match && n < 5; match = PRODUCT_SCRIPT.exec(html), n += 1) {
    const json = parseLenientJson(match[1]);
    const product = isNode(json) && isNode(json.product) ? json.product : json;
    if (isNode(product)) fill(readPlatformProduct(product, url));
  }
  META_START.lastIndex = 0;
  const meta = META_START.exec(html);
  if (meta) {
    const text = objectAt(html, META_START.lastIndex);
    const json = text ? parseLenientJson(text) : undefined;
    if (isNode(json) && isNode(json.product)) fill(readPlatformProduct(json.product, url));
  }
  return Object.keys(reading).length > 0 ? { source: 'generic', reading, notes: ['brand and codes from the shop platform\'s product data'] } : null;
}
