// Shopify's public /products.json: one listing per variant. Pure: parsed JSON in, events out.
// https://shopify.dev/docs/storefronts/themes/architecture/templates/product (product and variant fields)
import { z } from 'zod';
import { describeIssues, toSourceReading } from '../source-record.ts';
import { shopRoot } from '../shop-url.ts';
import type { SourceEvent } from '../types.ts';

const id = z.union([z.number().int().nonnegative(), z.string().regex(/^\d{1,20}$/)]).transform(String);
const amount = z.union([z.string(), z.number()]).transform(String);
const text = z.string().nullish();
/** A product handle as it appears in `/products/{handle}`. */
const HANDLE = /^[^/?#\s]+$/;

const variantSchema = z
  .object({
    id,
    title: text,
    price: amount,
    compare_at_price: amount.nullish(),
    sku: text,
    barcode: text,
    available: z.boolean().nullish(),
    option1: text,
    option2: text,
    option3: text,
    featured_image: z.object({ src: z.string() }).passthrough().nullish(),
  })
  .passthrough();

const productSchema = z
  .object({
    id: id.optional(),
    handle: z.string().min(1).regex(HANDLE, 'must be a URL handle (no slashes, spaces, ? or #)'),
    title: z.string().trim().min(1),
    vendor: text,
    product_type: text,
    images: z.array(z.object({ src: z.string() }).passthrough()).nullish(),
    variants: z.array(z.unknown()).min(1, 'expected at least one variant'),
  })
  .passthrough();

const pageSchema = z.object({ products: z.array(z.unknown()) }).passthrough();

export interface ShopifyContext {
  /** The store's base URL; product URLs and relative image URLs resolve against it. */
  baseUrl: string;
  /** products.json carries no currency: prices are in the store's. */
  currency: string;
}

/** `{baseUrl}/products/{handle}`, with `?variant={id}` when the product has more than one variant. */
export function variantUrl(baseUrl: string, handle: string, variantId: string | null): string {
  const url = new URL(`products/${encodeURIComponent(handle)}`, shopRoot(baseUrl));
  if (variantId !== null) url.searchParams.set('variant', variantId);
  return url.href;
}

function absoluteImage(src: string | undefined, baseUrl: string): string | null {
  if (!src) return null;
  try {
    return new URL(src, baseUrl).href;
  } catch {
    return null;
  }
}

function variantTitle(productTitle: string, variant: z.infer<typeof variantSchema>, single: boolean): string {
  const own = variant.title?.trim() || [variant.option1, variant.option2, variant.option3].filter(Boolean).join(' / ');
  return single || !own || own === 'Default Title' ? productTitle : `${productTitle} - ${own}`;
}

/** The events of one page; `records` counts products (0 means the page after the last). */
export function readShopifyPage(json: unknown, pageUrl: string, context: ShopifyContext): { events: SourceEvent[]; records: number } | { error: string } {
  const page = pageSchema.safeParse(json);
  if (!page.success) return { error: `${pageUrl} is not a Shopify products page: ${describeIssues(page.error)}` };
  const events: SourceEvent[] = [];
  page.data.products.forEach((raw, index) => {
    const product = productSchema.safeParse(raw);
    if (!product.success) {
      const handle = (raw as { handle?: unknown } | null)?.handle;
      const named = typeof handle === 'string' && HANDLE.test(handle);
      const url = named ? variantUrl(context.baseUrl, handle, null) : `${pageUrl}#product-${index}`;
      const message = `Shopify product ${named ? `"${handle}"` : `#${index}`} on ${pageUrl} is not usable: ${describeIssues(product.error)}`;
      events.push({ type: 'record_error', url, kind: 'source_invalid', message, listingUrl: named });
      return;
    }
    const p = product.data;
    const single = p.variants.length === 1;
    p.variants.forEach((rawVariant, variantIndex) => {
      const variant = variantSchema.safeParse(rawVariant);
      if (!variant.success) {
        const rawId = (rawVariant as { id?: unknown } | null)?.id;
        const known = typeof rawId === 'number' || (typeof rawId === 'string' && /^\d+$/.test(rawId));
        const url = single ? variantUrl(context.baseUrl, p.handle, null) : known ? variantUrl(context.baseUrl, p.handle, String(rawId)) : `${pageUrl}#${p.handle}-variant-${variantIndex}`;
        const message = `Shopify variant ${known ? String(rawId) : `#${variantIndex}`} of "${p.handle}" is not usable: ${describeIssues(variant.error)}`;
        events.push({ type: 'record_error', url, kind: 'source_invalid', message, listingUrl: single || known });
        return;
      }
      const v = variant.data;
      const url = variantUrl(context.baseUrl, p.handle, single ? null : v.id);
      const result = toSourceReading(
        {
          url,
          title: variantTitle(p.title, v, single),
          brand: p.vendor,
          sku: v.sku,
          gtin: v.barcode,
          image: absoluteImage(v.featured_image?.src ?? p.images?.[0]?.src, context.baseUrl),
          category: p.product_type,
          price: v.price,
          listPrice: v.compare_at_price,
          currency: context.currency,
          availability: v.available === true ? 'in_stock' : v.available === false ? 'out_of_stock' : 'unknown',
        },
        'shopify',
      );
      if (result.ok) events.push({ type: 'reading', reading: result.reading });
      else events.push({ type: 'record_error', url, kind: result.kind, message: result.message, listingUrl: true });
    });
  });
  return { events, records: page.data.products.length };
}
