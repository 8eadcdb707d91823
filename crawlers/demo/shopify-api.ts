// The Shopify demo store's public product API: GET /products.json?limit=N&page=P, one product per
// family with its variants, in the shape Shopify serves (extra fields and all).
import type { DemoProduct } from './catalogue/index.ts';
import { decimal } from './format.ts';
import { hash53 } from './random.ts';
import type { SiteContext } from './site.ts';
import type { StoreListing } from './store-profiles.ts';
import { imageUrl } from './templates/shared.ts';
import { shopifyOptions } from './titles.ts';

/** Shopify's default and largest page sizes. */
const DEFAULT_LIMIT = 30;
const MAX_LIMIT = 250;

/** The store's listings grouped into Shopify products (one per family), in catalogue order. */
export function shopifyProducts(listings: readonly StoreListing[]): StoreListing[][] {
  const byFamily = new Map<string, StoreListing[]>();
  for (const listing of listings) {
    const family = byFamily.get(listing.product.familyId);
    if (family) family.push(listing);
    else byFamily.set(listing.product.familyId, [listing]);
  }
  return [...byFamily.values()];
}

/** The option names of each category, in the order titles.ts `shopifyOptions` gives the values. */
const OPTION_NAMES: Record<DemoProduct['category'], string[]> = {
  phones: ['Memory', 'Colour'],
  tvs: ['Size'],
  laptops: ['Configuration', 'Model'],
  appliances: ['Capacity', 'Colour', 'Model'],
  accessories: ['Style'],
};

function optionName(product: DemoProduct, position: number): string {
  return OPTION_NAMES[product.category][position] ?? `Option ${position + 1}`;
}

function productJson(ctx: SiteContext, variants: StoreListing[]): unknown {
  const first = variants[0].product;
  const single = variants.length === 1;
  const options = single ? [['Default Title']] : variants.map((v) => shopifyOptions(v.product));
  const width = Math.max(...options.map((o) => o.length));
  const updated = new Date(ctx.nowMs).toISOString();
  return {
    id: 8_000_000_000_000 + (hash53(`product/${first.familyId}`, ctx.inventory.seed) % 900_000_000_000),
    title: `${first.brand} ${first.family}`,
    handle: first.familyId,
    body_html: `<p>${first.name}</p>`,
    published_at: '2025-01-15T10:00:00+05:30',
    created_at: '2025-01-15T10:00:00+05:30',
    updated_at: updated,
    vendor: first.brand,
    product_type: first.kind,
    tags: [ctx.profile.categories[first.category].label],
    variants: variants.map((listing, index) => {
      const q = ctx.offer(listing).quote;
      const values = options[index];
      return {
        id: Number(listing.code),
        title: single ? 'Default Title' : values.join(' / '),
        option1: values[0] ?? null,
        option2: values[1] ?? null,
        option3: values[2] ?? null,
        sku: `GG-${listing.product.model}`,
        requires_shipping: true,
        taxable: true,
        featured_image: null,
        available: q.stock !== 'out_of_stock',
        price: decimal(q.priceMinor),
        grams: 0,
        compare_at_price: q.wasMinor ? decimal(q.wasMinor) : null,
        position: index + 1,
        product_id: 0,
        barcode: listing.showsGtin ? listing.product.gtin : '',
        created_at: '2025-01-15T10:00:00+05:30',
        updated_at: updated,
      };
    }),
    images: [{ id: 1, position: 1, src: imageUrl(ctx, variants[0]), width: 400, height: 400 }],
    options: Array.from({ length: width }, (_, position) => ({
      name: single ? 'Title' : optionName(first, position),
      position: position + 1,
      values: [...new Set(options.map((o) => o[position]).filter(Boolean))],
    })),
  };
}

/** The body of /products.json for the query; past the last page, `{"products":[]}` as Shopify answers. */
export function productsJson(ctx: SiteContext, query: URLSearchParams): string {
  const limit = Math.min(MAX_LIMIT, Math.max(1, Number(query.get('limit')) || DEFAULT_LIMIT));
  const page = Math.max(1, Number(query.get('page')) || 1);
  const products = shopifyProducts(ctx.inventory.listings).slice((page - 1) * limit, page * limit);
  return JSON.stringify({ products: products.map((variants) => productJson(ctx, variants)) });
}
