// One Google Merchant Center feed item (g:id, g:title, g:link, g:price "19.99 USD", g:sale_price,
// g:availability, g:gtin, g:mpn, g:brand, g:image_link, g:shipping, g:condition) → a source record.
// Pure: XML text in, events out. https://support.google.com/merchants/answer/7052112
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { displayAmount, readStructuredAmount } from '../../extract/amount.ts';
import { normaliseAvailability } from '../../normalise/availability.ts';
import { isIsoCurrency } from '../../normalise/currency.ts';
import { describeIssues, toSourceReading } from '../source-record.ts';
import type { SourceEvent } from '../types.ts';
import { feedItems, readFeedHead } from './split.ts';

export interface FeedContext {
  /** The feed's own URL (record errors without a link point into it). */
  feedUrl: string;
  /** Used when an amount names no currency. */
  currency: string;
  /** Picks the g:shipping entry for this country when there are several. */
  country?: string;
  /** For g:sale_price_effective_date. */
  now: Date;
}

const itemSchema = z.object({
  id: z.string({ required_error: 'g:id is required' }).max(200),
  title: z.string({ required_error: 'g:title (or title) is required' }),
  link: z.string({ required_error: 'g:link (or link) is required' }).url('g:link (or link) must be an absolute URL'),
  price: z.string({ required_error: 'g:price is required' }),
  salePrice: z.string().nullish(),
  saleDates: z.string().nullish(),
  availability: z.string().nullish(),
  gtin: z.string().nullish(),
  mpn: z.string().nullish(),
  brand: z.string().nullish(),
  image: z.string().nullish(),
  category: z.string().nullish(),
  shippingPrice: z.string().nullish(),
  condition: z.string().nullish(),
});

type Node = Record<string, unknown>;

function parserFor(prefix: string): XMLParser {
  const g = prefix ? `${prefix}:` : '';
  return new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    isArray: (name) => name === `${g}shipping` || name === 'link',
  });
}

/** The text of an element: a string, or the #text of an element with attributes. */
function textOf(value: unknown): string | null {
  if (Array.isArray(value)) return textOf(value[0]);
  if (typeof value === 'string') return value.trim() || null;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && '#text' in value) return textOf((value as Node)['#text']);
  return null;
}

/** RSS <link>text</link>, or Atom <link rel="alternate" href="…"/>. */
function linkOf(value: unknown): string | null {
  const links = Array.isArray(value) ? value : value === undefined ? [] : [value];
  for (const link of links) {
    if (typeof link === 'string' && link.trim()) return link.trim();
    if (link && typeof link === 'object') {
      const node = link as Node;
      const rel = node['@_rel'];
      if (typeof node['@_href'] === 'string' && (rel === undefined || rel === 'alternate')) return node['@_href'];
    }
  }
  return null;
}

// The specified form: a number ("15.00", "2.5e3", "19,99" with a decimal comma) and an ISO code after or before it.
const NUMBER = String.raw`[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|-?\d{1,15},\d{1,2}`;
const CODE_AFTER = new RegExp(String.raw`^\s*(${NUMBER})\s*([A-Za-z]{3})?\s*$`);
const CODE_BEFORE = new RegExp(String.raw`^\s*([A-Za-z]{3})\s*(${NUMBER})\s*$`);

/**
 * "19.99 USD", "USD 19.99", "19,99 EUR", "2.5e3 USD" → amount and currency (the hint when the text names
 * none). Anything else (grouping, symbols) must be wholly one displayed price ("1.299,00 €"); text that is
 * not one amount ("12abc USD") reads as none rather than as a part of it.
 */
export function feedAmount(text: string | null | undefined, hint: string): { amount: string; currency: string } | null {
  if (!text) return null;
  const after = CODE_AFTER.exec(text);
  const before = after ? null : CODE_BEFORE.exec(text);
  const number = after?.[1] ?? before?.[2];
  const code = (after?.[2] ?? before?.[1])?.toUpperCase();
  if (number !== undefined) {
    const currency = code && isIsoCurrency(code) ? code : hint;
    const read = readStructuredAmount(number, currency);
    return read.ok ? { amount: read.amount, currency } : null;
  }
  const whole = readStructuredAmount(text, hint);
  if (!whole.ok) return null;
  return { amount: whole.amount, currency: displayAmount(text, hint)?.currency ?? hint };
}

/** False when g:sale_price_effective_date ("start/end", ISO 8601) says the sale is not on now. */
function saleIsOn(dates: string | null | undefined, now: Date): boolean {
  if (!dates) return true;
  const [from, to] = dates.split('/').map((part) => Date.parse(part.trim()));
  if (Number.isFinite(from) && now.getTime() < from) return false;
  if (Number.isFinite(to) && now.getTime() > to) return false;
  return true;
}

function pickShipping(entries: unknown, g: string, country: string | undefined): string | null {
  if (!Array.isArray(entries) || entries.length === 0) return null;
  const nodes = entries.filter((e): e is Node => !!e && typeof e === 'object');
  const forCountry = country ? nodes.find((n) => textOf(n[`${g}country`])?.toUpperCase() === country) : undefined;
  const chosen = forCountry ?? nodes.find((n) => !textOf(n[`${g}country`])) ?? nodes[0];
  return chosen ? textOf(chosen[`${g}price`]) : null;
}

/** The plain fields of one parsed <item>/<entry>. */
function fieldsOf(node: Node, g: string): Record<string, string | null> {
  const field = (name: string) => textOf(node[`${g}${name}`]);
  return {
    id: field('id'),
    title: field('title') ?? textOf(node.title),
    link: field('link') ?? linkOf(node.link),
    price: field('price'),
    salePrice: field('sale_price'),
    saleDates: field('sale_price_effective_date'),
    availability: field('availability'),
    gtin: field('gtin'),
    mpn: field('mpn'),
    brand: field('brand'),
    image: field('image_link'),
    category: field('product_type') ?? field('google_product_category'),
    condition: field('condition'),
  };
}

/** Null when the text is an RSS 2.0 or Atom document, else why it is not a feed. */
export function notAFeed(text: string, feedUrl: string): string | null {
  const { root } = readFeedHead(text);
  if (root === 'rss' || root === 'feed') return null;
  return `${feedUrl} is not an RSS 2.0 or Atom feed (root element ${root ? `<${root}>` : 'missing'})`;
}

/** Every event of a feed document (check it with notAFeed first), one item at a time. */
export function* merchantFeedEvents(text: string, context: FeedContext): Generator<SourceEvent> {
  const head = readFeedHead(text);
  const g = head.prefix ? `${head.prefix}:` : '';
  const parser = parserFor(head.prefix);
  for (const piece of feedItems(text)) {
    const fallbackUrl = `${context.feedUrl}#item-${piece.index + 1}`;
    const invalid = (message: string, url = fallbackUrl, listingUrl = false): SourceEvent => ({
      type: 'record_error',
      url,
      kind: 'source_invalid',
      message,
      listingUrl,
    });
    if ('error' in piece) {
      // A feed that ends inside an item was cut off: what follows is unknown, so the read is
      // incomplete (nothing may be marked stale), not merely one bad record.
      if (piece.cutOff) {
        yield { type: 'document_error', url: context.feedUrl, kind: 'source_parse', message: `Feed ${context.feedUrl}: ${piece.error}`, retryable: true };
        return;
      }
      yield invalid(`Feed ${context.feedUrl}: ${piece.error}`);
      continue;
    }
    let node: Node;
    try {
      const document = parser.parse(piece.xml, true) as Node;
      node = ((document.item ?? document.entry) as Node) ?? {};
      if (typeof node !== 'object') node = {};
    } catch (error) {
      yield invalid(`Feed item ${piece.index + 1} of ${context.feedUrl} is not well-formed XML: ${(error as Error).message}`);
      continue;
    }
    const fields = fieldsOf(node, g);
    const shippingPrice = pickShipping(node[`${g}shipping`], g, context.country);
    const present = Object.fromEntries(Object.entries({ ...fields, shippingPrice }).filter(([, value]) => value !== null));
    const parsed = itemSchema.safeParse(present);
    const linkOk = fields.link !== null && URL.canParse(fields.link);
    if (!parsed.success) {
      const name = fields.id ? `"${fields.id}"` : `number ${piece.index + 1}`;
      yield invalid(`Feed item ${name} of ${context.feedUrl} is not usable: ${describeIssues(parsed.error)}`, linkOk ? fields.link! : fallbackUrl, linkOk);
      continue;
    }
    const item = parsed.data;
    // Tulna compares prices of new goods: a used or refurbished offer would pass for the cheapest new one.
    if (item.condition && item.condition.toLowerCase() !== 'new') {
      yield { type: 'skipped', url: item.link, reason: `condition "${item.condition}"` };
      continue;
    }
    const regular = feedAmount(item.price, context.currency);
    const sale = saleIsOn(item.saleDates, context.now) ? feedAmount(item.salePrice, context.currency) : null;
    const shipping = feedAmount(item.shippingPrice, regular?.currency ?? context.currency);
    const current = sale ?? regular;
    const result = toSourceReading(
      {
        url: item.link,
        title: item.title,
        brand: item.brand,
        sku: item.id,
        gtin: item.gtin,
        mpn: item.mpn,
        image: item.image,
        category: item.category,
        price: current?.amount ?? null,
        listPrice: sale && regular && regular.currency === sale.currency ? regular.amount : null,
        currency: current?.currency ?? context.currency,
        shippingCost: shipping && shipping.currency === current?.currency ? shipping.amount : null,
        availability: normaliseAvailability(item.availability) ?? 'unknown',
      },
      'merchant-feed',
    );
    if (result.ok) yield { type: 'reading', reading: result.reading };
    else yield { type: 'record_error', url: item.link, kind: result.kind, message: result.message, listingUrl: true };
  }
}
