// One product feed record (a Google Merchant Center item or a Meta catalogue row, from XML, TSV
// or CSV) → a source event. Fields: id, title, link, price "19.99 USD", sale_price with
// sale_price_effective_date, availability, condition (new / used / refurbished: used ones are
// listings shown apart, never compared as new), gtin, mpn, brand, image_link, product_type,
// shipping (the store country's entry: price, and handling + transit times as delivery days).
// Pure: records in, events out. https://support.google.com/merchants/answer/7052112 and
// https://www.facebook.com/business/help/120325381656392 (Meta catalogue fields).
import { z } from 'zod';
import type { DeliveryPromise } from '../../../domain/delivery.ts';
import type { ListingCondition } from '../../../domain/listing.ts';
import { displayAmount, readStructuredAmount } from '../../extract/amount.ts';
import { normaliseAvailability } from '../../normalise/availability.ts';
import { isIsoCurrency } from '../../normalise/currency.ts';
import { describeIssues, toSourceReading } from '../source-record.ts';
import type { SourceEvent } from '../types.ts';
import type { FeedRecord, FeedShipping } from './feed-record.ts';
import { XmlRecordReader } from './xml-records.ts';

export interface FeedContext {
  /** The feed's own URL (record errors without a link point into it). */
  feedUrl: string;
  /** Used when an amount names no currency. */
  currency: string;
  /** Picks the shipping entry for this country when there are several. */
  country?: string;
  /** For sale_price_effective_date. */
  now: Date;
}

const itemSchema = z.object({
  id: z.string({ required_error: 'g:id is required' }).max(200),
  title: z.string({ required_error: 'g:title (or title) is required' }),
  link: z.string({ required_error: 'g:link (or link) is required' }).url('g:link (or link) must be an absolute URL'),
  price: z.string({ required_error: 'g:price is required' }),
});

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

/** False when sale_price_effective_date ("start/end", ISO 8601) says the sale is not on now. */
function saleIsOn(dates: string | null | undefined, now: Date): boolean {
  if (!dates) return true;
  const [from, to] = dates.split('/').map((part) => Date.parse(part.trim()));
  if (Number.isFinite(from) && now.getTime() < from) return false;
  if (Number.isFinite(to) && now.getTime() > to) return false;
  return true;
}

/** The entry for the store's country, else one for every country, else the first. */
function pickShipping(entries: FeedShipping[], country: string | undefined): FeedShipping | null {
  const forCountry = country ? entries.find((entry) => entry.country?.toUpperCase() === country) : undefined;
  return forCountry ?? entries.find((entry) => !entry.country) ?? entries[0] ?? null;
}

/** Whole days from a feed ("3", "3 days"); null for anything else or an absurd number. */
function days(value: string | null | undefined): number | null {
  const match = value ? /^\s*(\d{1,3})(?:\s*(?:days?|d))?\s*$/i.exec(value) : null;
  const n = match ? Number(match[1]) : NaN;
  return Number.isInteger(n) && n <= 120 ? n : null;
}

/**
 * Delivery days: handling (the entry's, else the item's min/max_handling_time) plus transit. Only
 * with a transit time: handling alone says when it ships, not when it arrives.
 */
function deliveryOf(shipping: FeedShipping | null, field: (name: string) => string | null): DeliveryPromise | null {
  const minTransit = days(shipping?.min_transit_time);
  const maxTransit = days(shipping?.max_transit_time);
  if (minTransit === null && maxTransit === null) return null;
  const minHandling = days(shipping?.min_handling_time ?? field('min_handling_time'));
  const maxHandling = days(shipping?.max_handling_time ?? field('max_handling_time'));
  const minDays = (minHandling ?? 0) + (minTransit ?? maxTransit!);
  const maxDays = (maxHandling ?? minHandling ?? 0) + (maxTransit ?? minTransit!);
  return { minDays, maxDays: Math.max(minDays, maxDays), text: null, free: false };
}

/** new / used / refurbished as Google and Meta write them ("used_like_new", "Refurbished"); null when unknown. */
export function feedCondition(value: string | null): ListingCondition | null {
  const text = (value ?? 'new').trim().toLowerCase().replace(/[\s-]+/g, '_');
  if (text === '' || text === 'new') return 'new';
  if (/^(?:refurbished|renewed|reconditioned|remanufactured|refurb)/.test(text)) return 'refurbished';
  if (/^(?:used|pre_?owned|second_?hand|open_box)/.test(text)) return 'used';
  return null;
}

/** The event of one record: its reading, or why it cannot be used. */
export function recordEvent(record: FeedRecord, context: FeedContext): SourceEvent {
  const fallbackUrl = `${context.feedUrl}#item-${record.number}`;
  const invalid = (message: string, url = fallbackUrl, listingUrl = false): SourceEvent => ({
    type: 'record_error',
    url,
    kind: 'source_invalid',
    message,
    listingUrl,
  });
  if (record.error) return invalid(record.error);
  const field = (name: string) => record.fields.get(name) ?? null;
  const link = field('link');
  const linkOk = link !== null && URL.canParse(link);
  const parsed = itemSchema.safeParse({ id: field('id') ?? undefined, title: field('title') ?? undefined, link: link ?? undefined, price: field('price') ?? undefined });
  if (!parsed.success) {
    const name = field('id') ? `"${field('id')}"` : `number ${record.number}`;
    return invalid(`Feed item ${name} of ${context.feedUrl} is not usable: ${describeIssues(parsed.error)}`, linkOk ? link! : fallbackUrl, linkOk);
  }
  const item = parsed.data;
  const condition = feedCondition(field('condition'));
  if (!condition) {
    // Compared as new it could pass for the cheapest new offer: refuse what cannot be told apart.
    return invalid(`Feed item "${item.id}" of ${context.feedUrl} has an unknown condition ${JSON.stringify(field('condition'))} (expected new, used or refurbished)`, item.link, true);
  }
  const regular = feedAmount(item.price, context.currency);
  const sale = saleIsOn(field('sale_price_effective_date'), context.now) ? feedAmount(field('sale_price'), context.currency) : null;
  const current = sale ?? regular;
  const shippingEntry = pickShipping(record.shipping, context.country);
  const shipping = feedAmount(shippingEntry?.price, regular?.currency ?? context.currency);
  const result = toSourceReading(
    {
      url: item.link,
      title: item.title,
      brand: field('brand'),
      sku: item.id,
      gtin: field('gtin') ?? field('ean') ?? field('upc'),
      mpn: field('mpn'),
      image: field('image_link'),
      category: field('product_type') ?? field('google_product_category') ?? field('fb_product_category'),
      price: current?.amount ?? null,
      listPrice: sale && regular && regular.currency === sale.currency ? regular.amount : null,
      currency: current?.currency ?? context.currency,
      shippingCost: shipping && shipping.currency === current?.currency ? shipping.amount : null,
      delivery: deliveryOf(shippingEntry, field),
      availability: normaliseAvailability(field('availability')) ?? 'unknown',
      condition,
    },
    'merchant-feed',
  );
  if (result.ok) return { type: 'reading', reading: result.reading };
  return { type: 'record_error', url: item.link, kind: result.kind, message: result.message, listingUrl: true };
}

/**
 * Every event of an XML feed held as text, one item at a time (the crawl streams instead: see
 * read.ts). A document failure (not a feed, cut off) comes as a document_error, last.
 */
export function* merchantFeedEvents(text: string, context: FeedContext): Generator<SourceEvent> {
  const reader = new XmlRecordReader({ feedUrl: context.feedUrl });
  for (const item of [...reader.write(text), ...reader.end()]) {
    if (item.kind === 'record') {
      yield recordEvent(item.record, context);
      continue;
    }
    yield { type: 'document_error', url: context.feedUrl, kind: 'source_parse', message: item.message, retryable: item.retryable };
    return;
  }
}

/** Null when the text is an RSS 2.0 or Atom document, else why it is not a feed. */
export function notAFeed(text: string, feedUrl: string): string | null {
  const reader = new XmlRecordReader({ feedUrl });
  const failure = [...reader.write(text.slice(0, 64 * 1024)), ...reader.end()].find((item) => item.kind === 'failure');
  return failure && failure.kind === 'failure' && !failure.retryable ? failure.message : null;
}
