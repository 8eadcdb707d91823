// Magento 2's public GraphQL catalogue (the `products` query): one listing per simple product, and one
// per variant of a configurable product, each at its own price and stock. Pure: parsed JSON in, events out.
// Schema: app/code/Magento/CatalogGraphQl/etc/schema.graphqls (ProductInterface, PriceRange, Money),
// ConfigurableProductGraphQl (ConfigurableVariant), CatalogInventoryGraphQl (stock_status).
import { z } from 'zod';
import { isIsoCurrency } from '../../normalise/currency.ts';
import { shopRoot } from '../shop-url.ts';
import { describeIssues, toSourceReading } from '../source-record.ts';
import type { SourceEvent } from '../types.ts';
import type { Availability } from '../../../domain/availability.ts';

/** Money.value is a Float; a string is accepted too and read as a machine number (or refused) downstream. */
const amount = z.union([z.number(), z.string()]).transform(String);
const money = z.object({ value: amount.nullish(), currency: z.string().nullish() }).passthrough();
const priceRangeSchema = z
  .object({ minimum_price: z.object({ regular_price: money.nullish(), final_price: money }).passthrough() })
  .passthrough();
const imageSchema = z.object({ url: z.string().nullish() }).passthrough().nullish();
const text = z.string().nullish();
/** A URL key as Magento writes it: one path segment, no query or fragment. */
const URL_KEY = /^[^/?#\s]+$/;

/** What every priced product (simple, virtual, or a configurable's variant) carries. */
const pricedFields = {
  sku: z.string().trim().min(1),
  name: text,
  stock_status: text,
  only_x_left_in_stock: z.number().nullish(),
  price_range: priceRangeSchema,
  image: imageSchema,
};

const variantProductSchema = z.object(pricedFields).passthrough();

const variantSchema = z
  .object({
    product: z.unknown(),
    attributes: z.array(z.object({ label: text, code: text }).passthrough()).nullish(),
  })
  .passthrough();

const productSchema = z
  .object({
    __typename: text,
    ...pricedFields,
    name: z.string().trim().min(1),
    url_key: z.string().regex(URL_KEY, 'must be a URL key (one path segment)').nullish(),
    url_suffix: text,
    canonical_url: text,
    // Checked on its own: a configurable product's own price range matters only without variants.
    price_range: z.unknown(),
    variants: z.array(z.unknown()).nullish(),
  })
  .passthrough();

const graphQlErrorsSchema = z.array(z.object({ message: z.string() }).passthrough()).min(1);

const pageSchema = z
  .object({
    data: z
      .object({
        products: z
          .object({
            total_count: z.number().int().nonnegative().nullish(),
            page_info: z
              .object({ current_page: z.number().int().nullish(), total_pages: z.number().int().nonnegative().nullish() })
              .passthrough()
              .nullish(),
            items: z.array(z.unknown()),
          })
          .passthrough(),
      })
      .passthrough(),
  })
  .passthrough();

export interface MagentoContext {
  /** The store's base URL; product URLs resolve against it. */
  baseUrl: string;
  /** Used when a price carries no currency. */
  currency: string;
}

export interface MagentoPage {
  events: SourceEvent[];
  /** Products on the page (0: past the last page). */
  records: number;
  /** The page the server says it answered, and how many there are, when it says. */
  currentPage?: number;
  totalPages?: number;
}

/** At most this much of a server's error messages goes into one event. */
const MAX_ERROR_TEXT = 300;

function graphQlErrors(json: unknown): string | null {
  const errors = graphQlErrorsSchema.safeParse((json as { errors?: unknown } | null)?.errors);
  if (!errors.success) return null;
  const text = errors.data
    .slice(0, 3)
    .map((e) => JSON.stringify(e.message.slice(0, 150)))
    .join('; ');
  return text.slice(0, MAX_ERROR_TEXT);
}

/**
 * The product's own page: its canonical URL when it is on the store's host, else url_key + url_suffix
 * (Magento's default suffix is ".html"). Null when the record names neither.
 */
export function productUrl(baseUrl: string, product: { canonical_url?: string | null; url_key?: string | null; url_suffix?: string | null }): string | null {
  const root = new URL(shopRoot(baseUrl));
  if (product.canonical_url) {
    try {
      const canonical = new URL(product.canonical_url, root);
      // A canonical URL elsewhere would file the listing under another site's address.
      if (canonical.host === root.host && (canonical.protocol === 'http:' || canonical.protocol === 'https:')) {
        canonical.hash = '';
        return canonical.href;
      }
    } catch {
      // Not a URL: fall back to the URL key.
    }
  }
  if (!product.url_key || !URL_KEY.test(product.url_key)) return null;
  const suffix = product.url_suffix ?? '.html';
  if (/[/?#\s]/.test(suffix)) return null;
  return new URL(`${product.url_key}${suffix}`, root).href;
}

/** A variant's own listing URL: the parent's page with `?sku=` naming the variant (as Shopify's `?variant=`). */
export function variantUrl(parentUrl: string, sku: string): string {
  const url = new URL(parentUrl);
  url.searchParams.set('sku', sku);
  return url.href;
}

function availabilityOf(stockStatus: string | null | undefined, onlyLeft: number | null | undefined): Availability {
  if (stockStatus === 'OUT_OF_STOCK') return 'out_of_stock';
  if (stockStatus === 'IN_STOCK') return onlyLeft != null && onlyLeft > 0 ? 'limited' : 'in_stock';
  return 'unknown';
}

function absoluteImage(src: string | null | undefined, baseUrl: string): string | null {
  if (!src) return null;
  try {
    const url = new URL(src, baseUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** "Parent - Blue / XL" from the variant's attribute labels, unless the name already says them. */
function variantTitle(parentName: string, labels: string[], ownName: string | null | undefined): string {
  const words = labels.map((l) => l.trim()).filter(Boolean);
  if (words.length === 0) return ownName?.trim() || parentName;
  return words.every((w) => parentName.includes(w)) ? parentName : `${parentName} - ${words.join(' / ')}`;
}

type Priced = z.infer<typeof variantProductSchema>;

/** One listing from a priced record: a reading, or the record error filed under its URL. */
function listing(priced: Priced, url: string, title: string, parentImage: string | null, context: MagentoContext): SourceEvent {
  const { final_price: final, regular_price: regular } = priced.price_range.minimum_price;
  const currencyText = final.currency ?? regular?.currency ?? null;
  const currency = currencyText ? currencyText.toUpperCase() : context.currency;
  if (!isIsoCurrency(currency)) {
    const message = `Magento product ${JSON.stringify(priced.sku)} (${url}): expected an ISO 4217 currency, found ${JSON.stringify(currencyText)}`;
    return { type: 'record_error', url, kind: 'source_invalid', message, listingUrl: true };
  }
  const result = toSourceReading(
    {
      url,
      title,
      sku: priced.sku,
      image: absoluteImage(priced.image?.url, context.baseUrl) ?? parentImage,
      // final_price is what the shopper pays now (after catalogue rules and special prices).
      price: final.value ?? null,
      listPrice: regular?.value ?? null,
      currency,
      availability: availabilityOf(priced.stock_status, priced.only_x_left_in_stock),
    },
    'magento',
  );
  if (result.ok) return { type: 'reading', reading: result.reading };
  return { type: 'record_error', url, kind: result.kind, message: result.message, listingUrl: true };
}

function readProduct(raw: unknown, index: number, pageUrl: string, context: MagentoContext, events: SourceEvent[]): void {
  const product = productSchema.safeParse(raw);
  const rawSku = (raw as { sku?: unknown } | null)?.sku;
  const named = typeof rawSku === 'string' && rawSku.trim() !== '' ? rawSku.trim() : null;
  if (!product.success) {
    const message = `Magento product ${named ? JSON.stringify(named) : `#${index}`} on ${pageUrl} is not usable: ${describeIssues(product.error)}`;
    events.push({ type: 'record_error', url: `${pageUrl}#product-${index}`, kind: 'source_invalid', message, listingUrl: false });
    return;
  }
  const p = product.data;
  const url = productUrl(context.baseUrl, p);
  if (url === null) {
    const message = `Magento product ${JSON.stringify(p.sku)} on ${pageUrl} names no page: expected canonical_url or url_key`;
    events.push({ type: 'record_error', url: `${pageUrl}#product-${index}`, kind: 'source_invalid', message, listingUrl: false });
    return;
  }
  const image = absoluteImage(p.image?.url, context.baseUrl);
  const variants = p.variants ?? [];
  if (variants.length === 0) {
    const priced = variantProductSchema.safeParse(p);
    if (!priced.success) {
      const message = `Magento product ${JSON.stringify(p.sku)} (${url}) is not usable: ${describeIssues(priced.error)}`;
      events.push({ type: 'record_error', url, kind: 'source_invalid', message, listingUrl: true });
      return;
    }
    events.push(listing(priced.data, url, p.name, image, context));
    return;
  }
  variants.forEach((rawVariant, variantIndex) => {
    const variant = variantSchema.safeParse(rawVariant);
    const priced = variant.success ? variantProductSchema.safeParse(variant.data.product) : null;
    if (!variant.success || !priced?.success) {
      const childSku = (rawVariant as { product?: { sku?: unknown } } | null)?.product?.sku;
      const known = typeof childSku === 'string' && childSku.trim() !== '' ? childSku.trim() : null;
      const issues = !variant.success ? describeIssues(variant.error) : describeIssues(priced!.error!);
      const message = `Magento variant ${known ? JSON.stringify(known) : `#${variantIndex}`} of ${JSON.stringify(p.sku)} is not usable: ${issues}`;
      const where = known ? variantUrl(url, known) : `${url}#variant-${variantIndex}`;
      events.push({ type: 'record_error', url: where, kind: 'source_invalid', message, listingUrl: known !== null });
      return;
    }
    const labels = (variant.data.attributes ?? []).flatMap((a) => (a.label ? [a.label] : []));
    events.push(listing(priced.data, variantUrl(url, priced.data.sku), variantTitle(p.name, labels, priced.data.name), image, context));
  });
}

/** The events of one `products` answer, or why it is not one. */
export function readMagentoPage(json: unknown, pageUrl: string, context: MagentoContext): MagentoPage | { error: string } {
  const errors = graphQlErrors(json);
  // Partial data beside errors cannot be trusted to be the whole page: the read stops incomplete.
  if (errors !== null) return { error: `${pageUrl}: the Magento GraphQL API answered with errors: ${errors}` };
  const page = pageSchema.safeParse(json);
  if (!page.success) return { error: `${pageUrl} is not a Magento GraphQL products answer: ${describeIssues(page.error)}` };
  const { items, page_info: info } = page.data.data.products;
  const events: SourceEvent[] = [];
  items.forEach((raw, index) => readProduct(raw, index, pageUrl, context, events));
  return {
    events,
    records: items.length,
    currentPage: info?.current_page ?? undefined,
    totalPages: info?.total_pages ?? undefined,
  };
}
