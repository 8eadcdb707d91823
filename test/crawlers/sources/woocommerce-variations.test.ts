// Variable WooCommerce products: each variation is its own listing, read in a second pass
// (?type=variation) from a real Store API stand-in on 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readWooPage } from '../../../crawlers/sources/woocommerce/parse.ts';
import { readWooCommerce } from '../../../crawlers/sources/woocommerce/read.ts';
import type { SourceEvent } from '../../../crawlers/sources/types.ts';
import { testFetcher, testStore } from '../run/crawl-fixture.ts';

const prices = (minor: string) => ({ price: minor, regular_price: minor, sale_price: minor, currency_code: 'EUR', currency_minor_unit: 2 });

function catalogue(origin: string) {
  const hoodie = {
    id: 10,
    type: 'variable',
    name: 'Hoodie',
    permalink: `${origin}/product/hoodie/`,
    prices: prices('2500'),
    is_in_stock: true,
    variations: [{ id: 11 }, { id: 12 }],
  };
  const mug = { id: 20, type: 'simple', name: 'Mug', permalink: `${origin}/product/mug/`, prices: prices('900'), is_in_stock: true };
  const blue = {
    id: 11,
    type: 'variation',
    parent: 10,
    name: 'Hoodie',
    variation: 'Colour: Blue',
    permalink: `${origin}/product/hoodie/?attribute_pa_colour=blue`,
    sku: 'HOOD-BLU',
    prices: prices('2500'),
    is_in_stock: true,
  };
  const red = { ...blue, id: 12, variation: 'Colour: Red', permalink: `${origin}/product/hoodie/`, sku: 'HOOD-RED', prices: prices('2700'), is_in_stock: false };
  return { products: [hoodie, mug], variations: [blue, red] };
}

async function startWooShop(options: { variations: boolean; onVariationPass?: () => void }) {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url.pathname + url.search);
    if (url.searchParams.get('type') === 'variation') options.onVariationPass?.();
    if (url.pathname === '/robots.txt') return res.writeHead(404).end();
    const { products, variations } = catalogue(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    // An old shop ignores `type` and answers with its products again.
    const all = url.searchParams.get('type') === 'variation' && options.variations ? variations : products;
    const page = Number(url.searchParams.get('page'));
    res.writeHead(200, { 'content-type': 'application/json', 'x-wp-totalpages': '1' });
    res.end(JSON.stringify(page === 1 ? all : []));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

async function readAll(origin: string, signal?: AbortSignal): Promise<SourceEvent[]> {
  const store = testStore(origin, { currency: 'EUR', discovery: { kind: 'woocommerce' } });
  const fetcher = testFetcher(store);
  try {
    const events: SourceEvent[] = [];
    for await (const e of readWooCommerce(fetcher, { baseUrl: store.baseUrl, maxPages: 10, signal })) events.push(e);
    return events;
  } finally {
    await fetcher.close();
  }
}

const readings = (events: SourceEvent[]) => events.flatMap((e) => (e.type === 'reading' ? [e.reading] : []));

describe('WooCommerce variable products', () => {
  let shop: Awaited<ReturnType<typeof startWooShop>> | undefined;
  afterEach(async () => {
    await shop?.close();
    shop = undefined;
  });

  it('names each variation by its attributes and gives it a URL of its own', () => {
    const { variations } = catalogue('https://wp.example.com');
    const result = readWooPage(variations, 'https://wp.example.com/wp-json/wc/store/v1/products?type=variation', { variationsOnly: true });
    if ('error' in result) throw new Error(result.error);
    expect(readings(result.events).map((r) => [r.title, r.url, r.price, r.availability])).toEqual([
      ['Hoodie - Colour: Blue', 'https://wp.example.com/product/hoodie/?attribute_pa_colour=blue', '25.00', 'in_stock'],
      ['Hoodie - Colour: Red', 'https://wp.example.com/product/hoodie/?variation_id=12', '27.00', 'out_of_stock'],
    ]);
  });

  it("files a refused variation under its own URL, not its parent's, so its listing is not marked stale", () => {
    const { variations } = catalogue('https://wp.example.com');
    // The red variation's permalink is its parent's: its own URL carries its variation id.
    const broken = { ...variations[1], prices: { ...variations[1].prices, currency_code: 'euro' } };
    const result = readWooPage([variations[0], broken], 'https://wp.example.com/wp-json/wc/store/v1/products?type=variation', { variationsOnly: true });
    if ('error' in result) throw new Error(result.error);
    const bad = result.events.filter((e) => e.type === 'record_error');
    expect(bad.map((e) => e.type === 'record_error' && [e.url, e.listingUrl])).toEqual([['https://wp.example.com/product/hoodie/?variation_id=12', true]]);
  });

  it('does not list variable products at their lowest price when the run is stopped during the variation pass', async () => {
    const stop = new AbortController();
    shop = await startWooShop({ variations: false, onVariationPass: () => stop.abort() });
    const events = await readAll(shop.origin, stop.signal);
    expect(readings(events).map((r) => r.title)).toEqual(['Mug']);
  });

  it('lists every variation at its own price instead of the variable product', async () => {
    shop = await startWooShop({ variations: true });
    const events = await readAll(shop.origin);
    expect(readings(events).map((r) => [r.title, r.price]).sort()).toEqual([
      ['Hoodie - Colour: Blue', '25.00'],
      ['Hoodie - Colour: Red', '27.00'],
      ['Mug', '9.00'],
    ]);
    expect(shop.requests.some((r) => r.includes('type=variation'))).toBe(true);
  });

  it('falls back to the variable product when the shop gives no variations', async () => {
    shop = await startWooShop({ variations: false });
    const events = await readAll(shop.origin);
    expect(readings(events).map((r) => [r.title, r.price]).sort()).toEqual([
      ['Hoodie', '25.00'],
      ['Mug', '9.00'],
    ]);
  });
});
