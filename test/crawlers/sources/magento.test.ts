// The Magento 2 GraphQL source: against the demo Magento store (real server, moving market) and
// against hostile answers from a stand-in on 127.0.0.1.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { storeConfigSchema } from '../../../crawlers/config/store-config.ts';
import { demoQuote, startDemoStores, type DemoStores, type RunningDemoStore } from '../../../crawlers/demo/index.ts';
import { readStoreSource } from '../../../crawlers/sources/index.ts';
import { productUrl, readMagentoPage } from '../../../crawlers/sources/magento/parse.ts';
import { magentoProductsQuery, readMagento } from '../../../crawlers/sources/magento/read.ts';
import type { SourceEvent } from '../../../crawlers/sources/types.ts';
import { testFetcher, testStore } from '../run/crawl-fixture.ts';

const BASE = 'https://shop.example/';
const PAGE = 'https://shop.example/graphql?query=x';
const context = { baseUrl: BASE, currency: 'EUR' };

const readings = (events: SourceEvent[]) => events.flatMap((e) => (e.type === 'reading' ? [e.reading] : []));
const recordErrors = (events: SourceEvent[]) => events.flatMap((e) => (e.type === 'record_error' ? [e] : []));
const documentErrors = (events: SourceEvent[]) => events.flatMap((e) => (e.type === 'document_error' ? [e] : []));

const price = (final: number | string | null, regular?: number | string | null, currency: string | null = 'EUR') => ({
  minimum_price: { regular_price: { value: regular ?? final, currency }, final_price: { value: final, currency } },
});

function answer(items: unknown[], info: { current_page: number; total_pages: number } = { current_page: 1, total_pages: 1 }) {
  return { data: { products: { total_count: items.length, page_info: info, items } } };
}

function read(items: unknown[]) {
  const result = readMagentoPage(answer(items), PAGE, context);
  if ('error' in result) throw new Error(result.error);
  return result;
}

const drill = {
  __typename: 'SimpleProduct',
  sku: 'BSH-GSR12',
  name: 'Akku-Bohrschrauber GSR 12V',
  url_key: 'akku-bohrschrauber-gsr-12v',
  url_suffix: '.html',
  canonical_url: null,
  stock_status: 'IN_STOCK',
  only_x_left_in_stock: 3,
  price_range: price(89.99, 109),
  image: { url: '/media/catalog/product/g/s/gsr12.jpg' },
};

const tee = {
  __typename: 'ConfigurableProduct',
  sku: 'MH01',
  name: 'Chaz Kangeroo Hoodie',
  url_key: 'chaz-kangeroo-hoodie',
  url_suffix: '.html',
  canonical_url: 'chaz-kangeroo-hoodie.html',
  stock_status: 'IN_STOCK',
  price_range: price(52),
  image: { url: 'https://shop.example/media/mh01.jpg' },
  variants: [
    { product: { sku: 'MH01-XS-Black', name: 'Chaz Kangeroo Hoodie-XS-Black', stock_status: 'IN_STOCK', price_range: price(52, 52), image: null }, attributes: [{ label: 'XS', code: 'size' }, { label: 'Black', code: 'color' }] },
    { product: { sku: 'MH01-XL-Gray', name: 'Chaz Kangeroo Hoodie-XL-Gray', stock_status: 'OUT_OF_STOCK', price_range: price(41.6, 52), image: { url: '/media/mh01-gray.jpg' } }, attributes: [{ label: 'XL', code: 'size' }, { label: 'Gray', code: 'color' }] },
  ],
};

describe('readMagentoPage', () => {
  it('reads a simple product: canonical page, final price with the regular one as "was", stock with "only x left"', () => {
    const { events, records } = read([drill]);
    expect(records).toBe(1);
    expect(readings(events)).toEqual([
      expect.objectContaining({
        url: 'https://shop.example/akku-bohrschrauber-gsr-12v.html',
        title: 'Akku-Bohrschrauber GSR 12V',
        sku: 'BSH-GSR12',
        price: '89.99',
        listPrice: '109',
        currency: 'EUR',
        availability: 'limited',
        image: 'https://shop.example/media/catalog/product/g/s/gsr12.jpg',
        extractedBy: 'magento',
      }),
    ]);
  });

  it('reads one listing per variant of a configurable product, each with its own ?sku= URL, title, price and stock', () => {
    const found = readings(read([tee]).events);
    expect(found.map((r) => [r.url, r.title, r.price, r.listPrice, r.availability, r.image])).toEqual([
      ['https://shop.example/chaz-kangeroo-hoodie.html?sku=MH01-XS-Black', 'Chaz Kangeroo Hoodie - XS / Black', '52', null, 'in_stock', 'https://shop.example/media/mh01.jpg'],
      ['https://shop.example/chaz-kangeroo-hoodie.html?sku=MH01-XL-Gray', 'Chaz Kangeroo Hoodie - XL / Gray', '41.6', '52', 'out_of_stock', 'https://shop.example/media/mh01-gray.jpg'],
    ]);
  });

  it('files a broken variant under its own URL when it names a sku, and keeps reading the others', () => {
    const broken = { ...tee, variants: [{ product: null, attributes: [] }, { product: { sku: 'MH01-M', price_range: { minimum_price: {} } } }, tee.variants[0]] };
    const { events } = read([broken]);
    expect(readings(events).map((r) => r.url)).toEqual(['https://shop.example/chaz-kangeroo-hoodie.html?sku=MH01-XS-Black']);
    expect(recordErrors(events).map((e) => [e.url, e.kind, e.listingUrl])).toEqual([
      ['https://shop.example/chaz-kangeroo-hoodie.html#variant-0', 'source_invalid', false],
      ['https://shop.example/chaz-kangeroo-hoodie.html?sku=MH01-M', 'source_invalid', true],
    ]);
  });

  it('refuses absurd and unreadable prices like every other source', () => {
    const { events } = read(
      [0, -5, 1e9, 'call us', null].map((value, i) => ({ ...drill, sku: `P${i}`, url_key: `p${i}`, price_range: price(value) })),
    );
    expect(readings(events)).toEqual([]);
    expect(recordErrors(events).map((e) => [e.url, e.kind])).toEqual([
      ['https://shop.example/p0.html', 'source_absurd_price'],
      ['https://shop.example/p1.html', 'source_absurd_price'],
      ['https://shop.example/p2.html', 'source_absurd_price'],
      ['https://shop.example/p3.html', 'source_no_price'],
      ['https://shop.example/p4.html', 'source_no_price'],
    ]);
  });

  it('refuses a currency that is no ISO code, and uses the store\'s when the price names none', () => {
    const { events } = read([
      { ...drill, sku: 'A', url_key: 'a', price_range: price(10, 10, '€') },
      { ...drill, sku: 'B', url_key: 'b', price_range: price(10, 10, null) },
    ]);
    expect(recordErrors(events)).toEqual([expect.objectContaining({ url: 'https://shop.example/a.html', kind: 'source_invalid', message: expect.stringMatching(/ISO 4217.*"€"/) })]);
    expect(readings(events)).toEqual([expect.objectContaining({ url: 'https://shop.example/b.html', currency: 'EUR' })]);
  });

  it('never files a listing under another host, and records products that name no page', () => {
    expect(productUrl(BASE, { canonical_url: 'https://evil.example/x.html', url_key: 'real' })).toBe('https://shop.example/real.html');
    expect(productUrl(BASE, { canonical_url: 'javascript:alert(1)', url_key: 'real', url_suffix: '' })).toBe('https://shop.example/real');
    expect(productUrl(BASE, { url_key: 'a/b' })).toBeNull();
    const { events } = read([{ ...drill, url_key: null }, { sku: 'NO-NAME' }, 'junk']);
    expect(recordErrors(events).map((e) => [e.url, e.listingUrl])).toEqual([
      [`${PAGE}#product-0`, false],
      [`${PAGE}#product-1`, false],
      [`${PAGE}#product-2`, false],
    ]);
  });

  it('takes an answer with GraphQL errors, or in another shape, for no page at all', () => {
    const errors = { errors: [{ message: 'currentPage value 9 specified is greater than the 2 page(s) available.' }], data: { products: null } };
    expect(readMagentoPage(errors, PAGE, context)).toEqual({ error: expect.stringMatching(/answered with errors: "currentPage value 9 .*available\."/) });
    // Partial data beside an error is not trusted to be the whole page.
    expect(readMagentoPage({ ...answer([drill]), errors: [{ message: 'Internal server error' }] }, PAGE, context)).toEqual({ error: expect.stringMatching(/Internal server error/) });
    expect(readMagentoPage({ data: null }, PAGE, context)).toEqual({ error: expect.stringMatching(/is not a Magento GraphQL products answer: data: /) });
    expect(readMagentoPage({ data: { products: { items: 'many' } } }, PAGE, context)).toEqual({ error: expect.stringMatching(/data\.products\.items: Expected array/) });
    expect(readMagentoPage([], PAGE, context)).toEqual({ error: expect.stringMatching(/is not a Magento GraphQL products answer/) });
  });
});

describe('the Magento source against the demo Magento store', () => {
  let demo: DemoStores;
  let store: RunningDemoStore;
  const now = Date.UTC(2026, 10, 23, 9, 0, 0);

  beforeAll(async () => {
    demo = await startDemoStores({ seed: 1, clock: () => now, crawlDelay: null });
    store = demo.stores.find((s) => s.profile.kind === 'magento')!;
  });
  afterAll(async () => demo?.close());

  async function readDemo(options: { maxPages?: number; pageSize?: number } = {}): Promise<SourceEvent[]> {
    const config = testStore(store.baseUrl, { currency: 'EUR', discovery: { kind: 'magento' } });
    const fetcher = testFetcher(config);
    const events: SourceEvent[] = [];
    try {
      for await (const event of readMagento(fetcher, { baseUrl: config.baseUrl, currency: 'EUR', maxPages: options.maxPages ?? 50, pageSize: options.pageSize })) events.push(event);
    } finally {
      await fetcher.close();
    }
    return events;
  }

  it('reads every listing once, at its own URL, with the market\'s price and stock of the tick', async () => {
    const events = await readDemo();
    expect(documentErrors(events)).toEqual([]);
    expect(recordErrors(events)).toEqual([]);
    const found = readings(events);
    const listings = store.inventory.listings;
    expect(found.map((r) => r.url).sort()).toEqual(listings.map((l) => `${store.baseUrl}${l.path}`).sort());
    // Whole product lines: several variants of one configurable product.
    expect(found.filter((r) => r.url.includes('?sku=')).length).toBeGreaterThan(listings.length / 2);
    for (const listing of listings) {
      const reading = found.find((r) => r.url === `${store.baseUrl}${listing.path}`)!;
      const quote = demoQuote(store.profile.id, listing.product.id, demo.currentTick())!;
      expect(Number(reading.price), listing.path).toBe(quote.priceMinor / 100);
      expect(reading.availability).toBe(quote.stock === 'out_of_stock' ? 'out_of_stock' : quote.stock === 'limited' ? 'limited' : 'in_stock');
      expect(reading.listPrice === null ? null : Number(reading.listPrice)).toBe(quote.wasMinor ? quote.wasMinor / 100 : null);
      expect(reading).toMatchObject({ currency: 'EUR', sku: listing.code, extractedBy: 'magento' });
    }
  });

  it('pages through the catalogue by page_info.total_pages, and stops at the page cap saying so', async () => {
    const all = await readDemo({ pageSize: 10 });
    const families = new Set(store.inventory.listings.map((l) => l.product.familyId)).size;
    expect(all.filter((e) => e.type === 'document')).toHaveLength(Math.ceil(families / 10));
    expect(documentErrors(all)).toEqual([]);
    expect(readings(all)).toHaveLength(store.inventory.listings.length);

    const capped = await readDemo({ pageSize: 10, maxPages: 2 });
    expect(capped.filter((e) => e.type === 'document')).toHaveLength(2);
    expect(capped.at(-1)).toMatchObject({ type: 'document_error', kind: 'source_page_cap', retryable: false });
    expect((capped.at(-1) as { url: string }).url).toContain(encodeURIComponent('currentPage:3'));
  });

  it('is what readStoreSource reads for a { kind: "magento" } store', async () => {
    const config = storeConfigSchema.parse({ ...store.config, discovery: { kind: 'magento' } });
    expect(config.discovery).toEqual({ kind: 'magento', maxPages: 500 });
    const fetcher = testFetcher(config);
    let count = 0;
    try {
      for await (const event of readStoreSource(config, config.discovery as Extract<typeof config.discovery, { kind: 'magento' }>, fetcher)) {
        if (event.type === 'reading') count++;
      }
    } finally {
      await fetcher.close();
    }
    expect(count).toBe(store.inventory.listings.length);
  });
});

describe('the Magento source against hostile answers', () => {
  let server: http.Server | null = null;
  afterEach(async () => {
    if (server) await new Promise<void>((resolve) => server!.close(() => resolve()));
    server = null;
  });

  async function hostile(answerFor: (page: number) => { status?: number; type?: string; body: string }, maxPages = 5): Promise<{ events: SourceEvent[]; pages: number[] }> {
    const pages: number[] = [];
    server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      if (url.pathname === '/robots.txt') return void res.writeHead(404).end();
      const page = Number(/currentPage:(\d+)/.exec(url.searchParams.get('query') ?? '')?.[1]);
      pages.push(page);
      const a = answerFor(page);
      res.writeHead(a.status ?? 200, { 'content-type': a.type ?? 'application/json' }).end(a.body);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const config = testStore(origin, { currency: 'EUR', discovery: { kind: 'magento' } });
    const fetcher = testFetcher(config);
    const events: SourceEvent[] = [];
    try {
      for await (const event of readMagento(fetcher, { baseUrl: config.baseUrl, currency: 'EUR', maxPages })) events.push(event);
    } finally {
      await fetcher.close();
    }
    return { events, pages };
  }

  const page = (n: number, total: number) => JSON.stringify(answer([{ ...drill, sku: `S${n}`, url_key: `s${n}` }], { current_page: n, total_pages: total }));

  it('asks for the whole catalogue with GET /graphql?query=…', () => {
    expect(magentoProductsQuery(100, 2)).toMatch(/^\{products\(search:"",pageSize:100,currentPage:2\)\{total_count page_info\{current_page total_pages\}items\{__typename sku /);
    expect(magentoProductsQuery(100, 2)).toContain('...on ConfigurableProduct{variants{product{sku name stock_status');
  });

  it('an errors array on page 2 ends the read incomplete, with the server\'s message', async () => {
    const { events, pages } = await hostile((n) => (n === 1 ? { body: page(1, 3) } : { body: JSON.stringify({ errors: [{ message: 'Internal server error' }] }) }));
    expect(pages).toEqual([1, 2]);
    expect(readings(events)).toHaveLength(1);
    expect(documentErrors(events)).toEqual([expect.objectContaining({ kind: 'source_parse', retryable: false, message: expect.stringMatching(/answered with errors: "Internal server error"/) })]);
  });

  it('a server that ignores currentPage is caught on page 2, not read again and again', async () => {
    const { events, pages } = await hostile(() => ({ body: page(1, 5) }));
    expect(pages).toEqual([1, 2]);
    expect(documentErrors(events)).toEqual([expect.objectContaining({ kind: 'source_parse', message: expect.stringMatching(/asked for page 2, the Magento GraphQL API answered page 1/) })]);
  });

  it('an answer that never says how many pages there are stops at the cap', async () => {
    const { events, pages } = await hostile((n) => ({ body: JSON.stringify({ data: { products: { items: [{ ...drill, sku: `S${n}`, url_key: `s${n}` }] } } }) }), 3);
    expect(pages).toEqual([1, 2, 3]);
    expect(readings(events)).toHaveLength(3);
    expect(events.at(-1)).toMatchObject({ type: 'document_error', kind: 'source_page_cap' });
  });

  it('HTML, broken JSON and a missing endpoint are document errors', async () => {
    const html = await hostile(() => ({ type: 'text/html', body: '<!doctype html><h1>Whoops, our bad...</h1>' }));
    expect(documentErrors(html.events)).toEqual([expect.objectContaining({ kind: 'content_type' })]);
    const broken = await hostile(() => ({ body: '{"data": {"products": ' }));
    expect(documentErrors(broken.events)).toEqual([expect.objectContaining({ kind: 'source_parse', message: expect.stringMatching(/is not valid JSON/) })]);
    const gone = await hostile(() => ({ status: 404, body: '{}' }));
    expect(documentErrors(gone.events)).toEqual([expect.objectContaining({ kind: 'gone', httpStatus: 404 })]);
  });

  it('absurd prices are record errors under the listing\'s URL; the read goes on', async () => {
    const items = [{ ...drill, sku: 'ZERO', url_key: 'zero', price_range: price(0) }, { ...drill, sku: 'HUGE', url_key: 'huge', price_range: price(5e12) }, drill];
    const { events } = await hostile(() => ({ body: JSON.stringify(answer(items)) }));
    expect(readings(events).map((r) => r.sku)).toEqual(['BSH-GSR12']);
    expect(recordErrors(events).map((e) => [new URL(e.url).pathname, e.kind, e.listingUrl])).toEqual([
      ['/zero.html', 'source_absurd_price', true],
      ['/huge.html', 'source_absurd_price', true],
    ]);
    expect(documentErrors(events)).toEqual([]);
  });
});

describe('the magento discovery kind', () => {
  it('validates with a default page cap, and refuses bad caps and unknown keys', () => {
    const base = { id: 'm', name: 'M', baseUrl: 'https://m.example/', hostPatterns: ['m.example'], currency: 'EUR' };
    expect(storeConfigSchema.parse({ ...base, discovery: { kind: 'magento' } }).discovery).toEqual({ kind: 'magento', maxPages: 500 });
    expect(storeConfigSchema.safeParse({ ...base, discovery: { kind: 'magento', maxPages: 0 } }).success).toBe(false);
    expect(storeConfigSchema.safeParse({ ...base, discovery: { kind: 'magento', maxPages: 5_000 } }).success).toBe(false);
    expect(storeConfigSchema.safeParse({ ...base, discovery: { kind: 'magento', url: 'https://m.example/graphql' } }).success).toBe(false);
  });
});
