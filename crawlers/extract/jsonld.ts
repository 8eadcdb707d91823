// Source 1: schema.org JSON-LD. Finds the <script type="application/ld+json"> blocks with a targeted scan
// (no DOM), parses them leniently, and reads the product the page is about.
import { parseLenientJson } from './lenient-json.ts';
import type { SourcedPartial } from './partial-listing.ts';
import { alternativeOffers, chooseProduct, findLooseOffers, findProducts, applyOffer, readProduct, type SchemaContext } from './schema-product.ts';
import { indexIds, type SchemaNode } from './schema-node.ts';

const LD_SCRIPT = /<script\b[^>]*?\btype\s*=\s*["']?application\/ld\+json[^>]*>([\s\S]*?)<\/script\s*>/gi;
const MAX_BLOCKS = 200;

/** The parsed JSON-LD blocks of a page; blocks that cannot be read are counted in `broken`. */
export function readJsonLdBlocks(html: string): { roots: unknown[]; broken: number } {
  const roots: unknown[] = [];
  let broken = 0;
  if (!/application\/ld\+json/i.test(html)) return { roots, broken };
  LD_SCRIPT.lastIndex = 0;
  let match: RegExpExecArray | null;
  let count = 0;
  while ((match = LD_SCRIPT.exec(html)) !== null && count < MAX_BLOCKS) {
    count += 1;
    const body = match[1];
    if (!body.trim()) continue;
    const value = parseLenientJson(body);
    if (value === undefined) broken += 1;
    else roots.push(value);
  }
  return { roots, broken };
}

/** Reads the page's JSON-LD product, or null when there is none. */
export function extractJsonLd(html: string, context: SchemaContext): SourcedPartial | null {
  const { roots, broken } = readJsonLdBlocks(html);
  const notes: string[] = [];
  if (broken > 0) notes.push(`${broken} JSON-LD block(s) could not be parsed`);
  if (roots.length === 0) return broken > 0 ? { source: 'jsonld', reading: {}, notes } : null;
  // The @id index is built on the first reference to resolve: most pages have none.
  let ids: Map<string, SchemaNode> | undefined;
  context = { ...context, resolve: (id) => (ids ??= indexIds(roots)).get(id) };
  const products = findProducts(roots);
  const product = chooseProduct(products, context.url, context.currencyHint);
  const [offer] = findLooseOffers(roots);
  if (product) {
    const reading = readProduct(product, context, notes);
    // A top-level Offer whose itemOffered is the product carries the price the product node lacks.
    if (!reading.price && offer) applyOffer(offer, reading, context);
    return { source: 'jsonld', reading, notes, alternatives: alternativeOffers(product, context, reading.price), products: products.length };
  }
  if (!offer) return notes.length > 0 ? { source: 'jsonld', reading: {}, notes } : null;
  const reading = {};
  applyOffer(offer, reading, context);
  return { source: 'jsonld', reading, notes };
}
