// A small shop on 127.0.0.1 that publishes its catalogue three ways: Shopify's /products.json,
// the WooCommerce Store API and a Google Merchant feed. The test moves prices, removes products
// and makes one API page (or the feed) fail between crawls.
import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SourceItem {
  n: number;
  /** Price in cents. */
  cents: number;
  inStock: boolean;
}

export interface SourceStore {
  url: string;
  items: SourceItem[];
  /** The API page (1-based) that answers 500, or 'feed' for the feed; null: none. */
  failing: number | 'feed' | null;
  requests: string[];
  close(): Promise<void>;
}

/** Products per API page (small, so that a handful of products spans several pages). */
export const PER_PAGE = 2;

const price = (cents: number) => (cents / 100).toFixed(2);

function send(res: ServerResponse, status: number, type: string, body: string, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(body);
}

/** Shopify: items 1 and 2 are two variants of one product; every other item is a product of its own. */
function shopifyProducts(items: SourceItem[]): unknown[] {
  const variant = (item: SourceItem) => ({
    id: 100 + item.n,
    title: item.n === 1 ? '128GB' : item.n === 2 ? '256GB' : 'Default Title',
    price: price(item.cents),
    compare_at_price: null,
    sku: `SKU-${item.n}`,
    barcode: item.n === 3 ? '4006381333931' : '',
    available: item.inStock,
  });
  const grouped = items.filter((i) => i.n <= 2);
  const products: unknown[] = [];
  if (grouped.length > 0) {
    products.push({ id: 1, handle: 'phone', title: 'Phone', vendor: 'Acme', product_type: 'Phones', images: [], variants: grouped.map(variant) });
  }
  for (const item of items.filter((i) => i.n > 2)) {
    products.push({ id: item.n, handle: `item-${item.n}`, title: `Item ${item.n}`, vendor: 'Acme', images: [{ src: '/img.png' }], variants: [variant(item)] });
  }
  // Always there, never usable: one recorded error per crawl.
  products.push({ id: 99, handle: 'free-thing', title: 'Free thing', variants: [{ id: 199, price: '0.00', available: true }] });
  return products;
}

function wooProducts(origin: string, items: SourceItem[]): unknown[] {
  return [
    ...items.map((item) => ({
      id: item.n,
      name: `Item ${item.n}`,
      permalink: `${origin}/product/item-${item.n}/`,
      sku: `SKU-${item.n}`,
      prices: { price: String(item.cents), regular_price: String(item.cents), sale_price: String(item.cents), currency_code: 'EUR', currency_minor_unit: 2 },
      is_in_stock: item.inStock,
      images: [],
    })),
    { id: 99, name: 'Broken', permalink: `${origin}/product/broken/`, prices: { price: 'n/a', currency_code: 'EUR', currency_minor_unit: 2 } },
  ];
}

function feed(origin: string, items: SourceItem[]): string {
  const entries = items.map(
    (item) => `<item><g:id>${item.n}</g:id><g:title>Item ${item.n}</g:title><g:link>${origin}/p/${item.n}</g:link>
      <g:price>${price(item.cents)} EUR</g:price><g:availability>${item.inStock ? 'in_stock' : 'out_of_stock'}</g:availability></item>`,
  );
  entries.push(`<item><g:id>99</g:id><g:title>No price</g:title><g:link>${origin}/p/99</g:link></item>`);
  return `<?xml version="1.0"?><rss version="2.0" xmlns:g="http://base.google.com/ns/1.0"><channel><title>Feed</title>${entries.join('\n')}</channel></rss>`;
}

export async function startSourceStore(count = 6): Promise<SourceStore> {
  let origin = '';
  const store: SourceStore = {
    url: '',
    items: Array.from({ length: count }, (_, i) => ({ n: i + 1, cents: 1_000 + (i + 1) * 100, inStock: true })),
    failing: null,
    requests: [],
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    store.requests.push(url.pathname + url.search);
    const page = Number(url.searchParams.get('page') ?? '1');
    if (url.pathname === '/robots.txt') return send(res, 200, 'text/plain', 'User-agent: *\nAllow: /\n');
    if (url.pathname === '/products.json' || url.pathname === '/wp-json/wc/store/v1/products') {
      if (store.failing === page) return send(res, 500, 'application/json', '{"error":"boom"}');
      const all = url.pathname === '/products.json' ? shopifyProducts(store.items) : wooProducts(origin, store.items);
      const slice = all.slice((page - 1) * PER_PAGE, page * PER_PAGE);
      if (url.pathname === '/products.json') return send(res, 200, 'application/json; charset=utf-8', JSON.stringify({ products: slice }));
      return send(res, 200, 'application/json; charset=utf-8', JSON.stringify(slice), {
        'x-wp-total': String(all.length),
        'x-wp-totalpages': String(Math.ceil(all.length / PER_PAGE)),
      });
    }
    if (url.pathname === '/huge-feed.xml') {
      // Over the test store's 1 MB body cap for pages: a feed is streamed, so it is read whole.
      const items = Array.from(
        { length: 1_500 },
        (_, i) => `<item><g:id>h${i}</g:id><g:title>Huge ${i} ${'y'.repeat(1_000)}</g:title><g:link>${origin}/h/${i}</g:link><g:price>9.99 EUR</g:price></item>`,
      );
      return send(res, 200, 'application/xml', `<rss xmlns:g="http://base.google.com/ns/1.0"><channel>${items.join('')}</channel></rss>`);
    }
    if (url.pathname === '/feed.xml') {
      if (store.failing === 'feed') return send(res, 500, 'text/plain', 'boom');
      return send(res, 200, 'application/xml; charset=utf-8', feed(origin, store.items));
    }
    return send(res, 404, 'text/html', '<h1>Not found</h1>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  store.url = origin;
  return store;
}
