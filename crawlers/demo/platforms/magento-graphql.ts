// The Magento demo store's platform paths: GET /graphql (the public catalogue API, in the shape
// Magento 2 answers: products with their price ranges and stock, configurable products with
// their variants, storeConfig) and its product pages (/{url_key}.html, ?sku= naming a variant).
// Only the two query shapes Tulna sends are understood; the answer carries every field Tulna
// asks for, whatever the selection. Magento's own refusals are kept: a page past the last one
// and a page size over 300 are errors.
import { startOfLocalDay } from '../format.ts';
import type { SiteContext } from '../site.ts';
import type { StoreListing } from '../store-profiles.ts';
import { liffeyTemplates } from '../templates/liffey.ts';
import { imageUrl } from '../templates/shared.ts';
import { shopifyOptions } from '../titles.ts';

/** A page as the demo server sends it (server.ts `Page`). */
interface DemoPage {
  status: number;
  contentType: string;
  body: Buffer;
  lastModified?: number;
}

const MAX_PAGE_SIZE = 300;
const DEFAULT_PAGE_SIZE = 20;

/** Attribute codes of each category's variant options, in the order `shopifyOptions` gives the values. */
const ATTRIBUTE_CODES: Record<StoreListing['product']['category'], string[]> = {
  phones: ['memory', 'color'],
  tvs: ['screen_size'],
  laptops: ['configuration', 'model'],
  appliances: ['capacity', 'color', 'model'],
  accessories: ['style'],
};

function json(value: unknown, status = 200): DemoPage {
  return { status, contentType: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(value)) };
}

function graphQlError(message: string, category = 'graphql-input'): DemoPage {
  return json({ errors: [{ message, extensions: { category } }] });
}

const money = (minor: number) => ({ value: minor / 100, currency: 'EUR' });

function priced(ctx: SiteContext, listing: StoreListing) {
  const q = ctx.offer(listing).quote;
  return {
    sku: listing.code,
    name: listing.title,
    stock_status: q.stock === 'out_of_stock' ? 'OUT_OF_STOCK' : 'IN_STOCK',
    only_x_left_in_stock: q.stock === 'limited' ? q.stockLeft : null,
    price_range: { minimum_price: { regular_price: money(q.wasMinor ?? q.priceMinor), final_price: money(q.priceMinor) } },
    image: { url: imageUrl(ctx, listing) },
  };
}

/** The store's listings as Magento products: one per family, configurable when it has several variants. */
export function magentoFamilies(listings: readonly StoreListing[]): StoreListing[][] {
  const byFamily = new Map<string, StoreListing[]>();
  for (const listing of listings) {
    const family = byFamily.get(listing.product.familyId);
    if (family) family.push(listing);
    else byFamily.set(listing.product.familyId, [listing]);
  }
  return [...byFamily.values()];
}

function productItem(ctx: SiteContext, variants: StoreListing[]) {
  const first = variants[0].product;
  const urlKey = first.familyId;
  const common = { url_key: urlKey, url_suffix: '.html', canonical_url: `${urlKey}.html` };
  if (variants.length === 1) return { __typename: 'SimpleProduct', ...priced(ctx, variants[0]), ...common };
  const quotes = variants.map((v) => ctx.offer(v).quote);
  const cheapest = variants[quotes.indexOf(quotes.reduce((a, b) => (b.priceMinor < a.priceMinor ? b : a)))];
  const codes = ATTRIBUTE_CODES[first.category];
  return {
    __typename: 'ConfigurableProduct',
    ...priced(ctx, cheapest),
    sku: `LT-${urlKey.toUpperCase()}`,
    name: `${first.brand} ${first.family}`,
    stock_status: quotes.some((q) => q.stock !== 'out_of_stock') ? 'IN_STOCK' : 'OUT_OF_STOCK',
    only_x_left_in_stock: null,
    ...common,
    variants: variants.map((listing) => ({
      product: priced(ctx, listing),
      attributes: shopifyOptions(listing.product).map((label, i) => ({ label, code: codes[i] ?? `option_${i + 1}`, value_index: 100 + i })),
    })),
  };
}

function intArgument(query: string, name: string): number | null | 'bad' {
  const match = new RegExp(`\\b${name}\\s*:\\s*(-?\\d+|"[^"]*")`).exec(query);
  if (!match) return null;
  return /^-?\d+$/.test(match[1]) ? Number(match[1]) : 'bad';
}

type Answer = { data: unknown } | { error: string };

function productsAnswer(ctx: SiteContext, query: string): Answer {
  const pageSize = intArgument(query, 'pageSize') ?? DEFAULT_PAGE_SIZE;
  const currentPage = intArgument(query, 'currentPage') ?? 1;
  if (pageSize === 'bad' || currentPage === 'bad') return { error: 'Int cannot represent non-integer value' };
  if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) return { error: `pageSize value must be between 1 and ${MAX_PAGE_SIZE}.` };
  if (currentPage < 1) return { error: 'currentPage value must be greater than 0.' };
  const search = /\bsearch\s*:\s*"([^"]*)"/.exec(query)?.[1].trim().toLowerCase() ?? '';
  const families = magentoFamilies(ctx.inventory.listings).filter(
    (variants) => search === '' || `${variants[0].product.brand} ${variants[0].product.family}`.toLowerCase().includes(search),
  );
  const totalPages = Math.ceil(families.length / pageSize);
  if (families.length > 0 && currentPage > totalPages) {
    return { error: `currentPage value ${currentPage} specified is greater than the ${totalPages} page(s) available.` };
  }
  const items = families.slice((currentPage - 1) * pageSize, currentPage * pageSize).map((variants) => productItem(ctx, variants));
  return {
    data: {
      total_count: families.length,
      page_info: { page_size: pageSize, current_page: currentPage, total_pages: totalPages },
      items,
    },
  };
}

function storeConfigAnswer(ctx: SiteContext): Answer {
  return {
    data: { store_code: 'default', store_name: ctx.profile.name, locale: 'en_IE', base_currency_code: 'EUR', default_display_currency_code: 'EUR' },
  };
}

/** Each root field the query asks for, answered; a failing field is null beside its error, as GraphQL answers. */
function graphQlPage(ctx: SiteContext, query: string | null): DemoPage {
  if (query === null || query.trim() === '') return graphQlError('Syntax Error: Unexpected <EOF>', 'graphql');
  const fields: [string, Answer][] = [];
  if (/\bstoreConfig\b/.test(query)) fields.push(['storeConfig', storeConfigAnswer(ctx)]);
  if (/\bproducts\s*\(/.test(query)) fields.push(['products', productsAnswer(ctx, query)]);
  if (fields.length === 0) return graphQlError('Cannot query field on type "Query".', 'graphql');
  const data = Object.fromEntries(fields.map(([name, answer]) => [name, 'data' in answer ? answer.data : null]));
  const errors = fields.flatMap(([name, answer]) => ('error' in answer ? [{ message: answer.error, extensions: { category: 'graphql-input' }, path: [name] }] : []));
  return json(errors.length > 0 ? { errors, data } : { data });
}

/** /graphql, and product pages by path and `?sku=`; everything else is left to the shared routing. */
export function magentoRoute(ctx: SiteContext, url: URL, options: { tickMs: number }): DemoPage | null {
  if (url.pathname === '/graphql') return graphQlPage(ctx, url.searchParams.get('query'));
  if (ctx.profile.parseProductPath(url) === null) return null;
  const listing = ctx.inventory.byPath.get(url.pathname + url.search) ?? (url.search === '' ? ctx.inventory.byPath.get(url.pathname) : undefined);
  const html = (status: number, text: string, lastModified?: number): DemoPage => ({
    status,
    contentType: 'text/html; charset=utf-8',
    body: Buffer.from(text),
    lastModified,
  });
  if (!listing) return html(404, liffeyTemplates.notFound(ctx, url.pathname));
  const since = ctx.offer(listing).quote.sinceTick * options.tickMs;
  return html(200, liffeyTemplates.product(ctx, listing), Math.max(since, startOfLocalDay(ctx.nowMs, ctx.profile.tzOffsetMinutes)));
}
