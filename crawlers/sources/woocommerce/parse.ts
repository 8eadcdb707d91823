// WooCommerce Store API products (/wp-json/wc/store/v1/products): one listing per product, or per
// variation for variable products (read in a second pass, `?type=variation`, see read.ts).
// Prices are integer strings in minor units with their currency. Pure: parsed JSON in, events out.
// https://github.com/woocommerce/woocommerce/blob/trunk/plugins/woocommerce/src/StoreApi/docs/products.md
import { z } from 'zod';
import { fragmentText } from '../../extract/html-scan.ts';
import { isIsoCurrency } from '../../normalise/currency.ts';
import { describeIssues, toSourceReading } from '../source-record.ts';
import type { SourceEvent } from '../types.ts';
import type { Availability } from '../../../domain/availability.ts';
import { trimLeadingZeros } from '../../../domain/decimal.ts';

const minorAmount = z.string().regex(/^-?\d{1,20}$/, 'must be a whole number of minor units');
const named = z.array(z.object({ name: z.string() }).passthrough()).nullish();

const productSchema = z
  .object({
    id: z.number().int().nonnegative(),
    name: z.string().min(1),
    permalink: z.string().url(),
    sku: z.string().nullish(),
    global_unique_id: z.string().nullish(),
    prices: z
      .object({
        price: minorAmount,
        regular_price: minorAmount.or(z.literal('')).nullish(),
        sale_price: minorAmount.or(z.literal('')).nullish(),
        currency_code: z.string(),
        currency_minor_unit: z.number().int().min(0).max(4),
      })
      .passthrough(),
    is_in_stock: z.boolean().nullish(),
    is_on_backorder: z.boolean().nullish(),
    low_stock_remaining: z.number().nullish(),
    images: z.array(z.object({ src: z.string() }).passthrough()).nullish(),
    brands: named,
    categories: named,
    /** "simple", "variable", "variation"…; absent on old shops. */
    type: z.string().nullish(),
    /** A variation's parent product id (0 or absent for products). */
    parent: z.number().int().nonnegative().nullish(),
    /** A variation's attributes in words ("Colour: Blue, Size: XL"). */
    variation: z.string().nullish(),
    /** A variable product's variations. */
    variations: z.array(z.object({ id: z.number().int() }).passthrough()).nullish(),
  })
  .passthrough();

export type WooProduct = z.infer<typeof productSchema>;

/** How a page's products are turned into listings. */
export interface WooPageOptions {
  /**
   * Keeps a variable product (one with variations) aside instead of listing it at its lowest price:
   * its variations, each with its own price and stock, are read in the second pass.
   */
  deferVariable?(product: WooProduct): void;
  /** The variation pass: only variations count (an old shop ignoring `type` answers with products). */
  variationsOnly?: boolean;
  /** Told of every well-formed variation read, even one whose price is refused. */
  onVariation?(variation: WooProduct): void;
}

/** "1999" with 2 minor digits → "19.99"; exact, never through a float. */
export function fromMinorUnits(minor: string, digits: number): string {
  const negative = minor.startsWith('-');
  const body = (negative ? minor.slice(1) : minor).padStart(digits + 1, '0');
  const whole = trimLeadingZeros(body.slice(0, body.length - digits));
  const fraction = digits > 0 ? `.${body.slice(body.length - digits)}` : '';
  return `${negative ? '-' : ''}${whole}${fraction}`;
}

/** Store API names are HTML ("Caf&eacute; &#8211; <b>Pro</b>"). */
function plain(html: string | null | undefined): string | null {
  return html ? fragmentText(html) || null : null;
}

function availability(p: z.infer<typeof productSchema>): Availability {
  if (p.is_on_backorder) return 'backorder';
  if (p.is_in_stock === false) return 'out_of_stock';
  if (p.is_in_stock === true) return p.low_stock_remaining != null ? 'limited' : 'in_stock';
  return 'unknown';
}

/** A variation's title: the product name with its attributes, unless the name already carries them. */
function titleOf(p: WooProduct): string {
  const name = plain(p.name) ?? p.permalink;
  const attributes = plain(p.variation);
  return attributes && !name.includes(attributes) ? `${name} - ${attributes}` : name;
}

/**
 * A variation's own URL: its permalink (WooCommerce adds the attributes as query arguments), with
 * the variation id added when the permalink is the parent's bare one, so each variation is its own listing.
 */
function urlOf(p: WooProduct): string {
  if (p.type !== 'variation') return p.permalink;
  const url = new URL(p.permalink);
  if (![...url.searchParams.keys()].some((k) => k.startsWith('attribute_'))) url.searchParams.set('variation_id', String(p.id));
  return url.href;
}

export function readWooPage(json: unknown, pageUrl: string, options: WooPageOptions = {}): { events: SourceEvent[]; records: number } | { error: string } {
  if (!Array.isArray(json)) {
    const found = json === null ? 'null' : typeof json;
    return { error: `${pageUrl} is not a WooCommerce Store API product list: expected a JSON array, found ${found}` };
  }
  const events: SourceEvent[] = [];
  json.forEach((raw, index) => {
    const product = productSchema.safeParse(raw);
    const permalink = (raw as { permalink?: unknown } | null)?.permalink;
    const knownUrl = typeof permalink === 'string' && URL.canParse(permalink) ? permalink : null;
    if (!product.success) {
      const rawId = (raw as { id?: unknown } | null)?.id;
      const message = `WooCommerce product ${rawId !== undefined ? JSON.stringify(rawId) : `#${index}`} on ${pageUrl} is not usable: ${describeIssues(product.error)}`;
      events.push({ type: 'record_error', url: knownUrl ?? `${pageUrl}#product-${index}`, kind: 'source_invalid', message, listingUrl: knownUrl !== null });
      return;
    }
    const p = product.data;
    if (options.variationsOnly && p.type !== 'variation') return;
    if (p.type === 'variation') options.onVariation?.(p);
    if (options.deferVariable && p.type === 'variable' && (p.variations?.length ?? 0) > 0) {
      options.deferVariable(p);
      return;
    }
    const currency = p.prices.currency_code.toUpperCase();
    if (!isIsoCurrency(currency)) {
      const message = `WooCommerce product ${p.id} (${p.permalink}): expected an ISO 4217 currency_code, found ${JSON.stringify(p.prices.currency_code)}`;
      events.push({ type: 'record_error', url: urlOf(p), kind: 'source_invalid', message, listingUrl: true });
      return;
    }
    const digits = p.prices.currency_minor_unit;
    const decimal = (minor: string | null | undefined) => (minor ? fromMinorUnits(minor, digits) : null);
    const result = toSourceReading(
      {
        url: urlOf(p),
        title: titleOf(p),
        brand: plain(p.brands?.[0]?.name),
        sku: p.sku,
        gtin: p.global_unique_id,
        image: p.images?.[0]?.src ?? null,
        category: plain(p.categories?.[0]?.name),
        // `price` is what the shopper pays now (the sale price during a sale); the regular one is the "was".
        price: decimal(p.prices.price),
        listPrice: decimal(p.prices.regular_price),
        currency,
        availability: availability(p),
      },
      'woocommerce',
    );
    if (result.ok) events.push({ type: 'reading', reading: result.reading });
    // Filed under the listing's own URL (a variation's, not its parent's), which keeps it from going stale.
    else events.push({ type: 'record_error', url: urlOf(p), kind: result.kind, message: result.message, listingUrl: true });
  });
  return { events, records: json.length };
}
