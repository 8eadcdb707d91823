// Streamed product feeds through the real fetcher and a real HTTP server: Meta TSV, Google CSV
// and XML (gzip or not), formats told from the content, broken rows, feeds cut off mid-record,
// the record and byte caps, and conditional requests.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseStoresConfig } from '../../../crawlers/config/store-config.ts';
import type { Fetcher } from '../../../crawlers/core/types.ts';
import { readMerchantFeedSource, type MerchantFeedOptions } from '../../../crawlers/sources/merchant-feed/read.ts';
import type { SourceEvent, SourceValidators } from '../../../crawlers/sources/types.ts';
import { testFetcher } from '../core/fetcher-fixture.ts';
import { startFeedServer, type FeedServer } from './feed-server.ts';

let server: FeedServer;
let fetcher: Fetcher;

beforeAll(async () => {
  server = await startFeedServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await fetcher?.close();
});

async function read(path: string, options: Partial<MerchantFeedOptions> = {}): Promise<SourceEvent[]> {
  fetcher = testFetcher({ maxBodyBytes: 1_024 * 16 });
  const events: SourceEvent[] = [];
  const feed = readMerchantFeedSource(fetcher, {
    feedUrl: `${server.url}${path}`,
    currency: 'INR',
    country: 'IN',
    now: new Date('2026-11-23T10:00:00Z'),
    ...options,
  });
  for await (const event of feed) events.push(event);
  return events;
}

const readings = (events: SourceEvent[]) => events.flatMap((e) => (e.type === 'reading' ? [e.reading] : []));
const ofType = <T extends SourceEvent['type']>(events: SourceEvent[], type: T) => events.filter((e): e is Extract<SourceEvent, { type: T }> => e.type === type);

describe('streamed merchant feeds', () => {
  it.each(['/meta.tsv', '/meta.tsv.gz'])('reads a Meta catalogue TSV (%s): sale, used and refurbished, shipping by country, broken rows apart', async (path) => {
    const events = await read(path);
    const origin = server.url;
    expect(events[0]).toEqual({ type: 'document', url: `${origin}${path}` });
    expect(readings(events)).toEqual([
      expect.objectContaining({
        url: `${origin}/p/m1`, title: 'Orbit Phone 128GB', sku: 'M-1', brand: 'Orbit', gtin: '04006381333931', mpn: 'OP-128',
        image: `${origin}/img/m1.jpg`, price: '17999.00', listPrice: '19999.00', currency: 'INR', shippingCost: '49',
        availability: 'in_stock', condition: 'new', extractedBy: 'merchant-feed',
      }),
      expect.objectContaining({ url: `${origin}/p/m2`, price: '9999', condition: 'used' }),
      expect.objectContaining({ url: `${origin}/p/m3`, price: '14999.00', condition: 'refurbished', availability: 'out_of_stock' }),
      expect.objectContaining({ url: `${origin}/p/m6`, title: 'Quoted\ttitle', availability: 'in_stock' }),
      expect.objectContaining({ url: `${origin}/p/m7`, condition: 'used', shippingCost: '99' }),
    ]);
    const errors = ofType(events, 'record_error');
    expect(errors.map((e) => [e.kind, e.url, e.listingUrl])).toEqual([
      ['source_invalid', `${origin}${path}#item-4`, false],
      ['source_no_price', `${origin}/p/m5`, true],
    ]);
    expect(errors[0].message).toMatch(/row 4 \(line 5\) has 3 fields where the header has 16/);
    expect(ofType(events, 'document_error')).toEqual([]);
  });

  it('reads a Google CSV: quoted commas and quotes, shipping(…) columns with handling and transit days, a shifted row apart', async () => {
    const events = await read('/google.csv');
    expect(readings(events)).toEqual([
      expect.objectContaining({ sku: 'G-1', title: 'Kettle, 1.7 L', price: '1299.00', shippingCost: '0', deliveryMinDays: 4, deliveryMaxDays: 7 }),
      expect.objectContaining({ sku: 'G-2', title: 'Toaster "Pro"', condition: 'refurbished', shippingCost: '99', deliveryMinDays: 2, deliveryMaxDays: 2 }),
      expect.objectContaining({ sku: 'G-4', title: 'Mixer', price: '899' }),
    ]);
    const errors = ofType(events, 'record_error');
    expect(errors).toEqual([expect.objectContaining({ kind: 'source_invalid', url: `${server.url}/google.csv#item-3`, message: expect.stringMatching(/row 3 \(line 4\) has 10 fields where the header has 9/) })]);
    expect(ofType(events, 'document_error')).toEqual([]);
  });

  it('tells semicolon CSVs and windows-1252 text apart', async () => {
    expect(readings(await read('/semicolon.csv'))).toEqual([expect.objectContaining({ title: 'Lamp; brass', price: '12.50', currency: 'EUR' })]);
    expect(readings(await read('/latin1.csv'))).toEqual([expect.objectContaining({ title: 'Café €' })]);
  });

  it.each(['/google.xml', '/google.xml.gz', '/feed-download'])('reads Google XML (%s): g:shipping for the country with transit plus handling days', async (path) => {
    const events = await read(path);
    expect(readings(events)).toEqual([
      expect.objectContaining({ sku: 'X-1', price: '3499.00', condition: 'refurbished', shippingCost: '49', deliveryMinDays: 3, deliveryMaxDays: 5 }),
      expect.objectContaining({ sku: 'X-2', title: 'Juicer\u00a0Max', availability: 'out_of_stock', shippingCost: '0', deliveryMinDays: null }),
    ]);
    expect(events.filter((e) => e.type !== 'reading' && e.type !== 'document')).toEqual([]);
  });

  it.each([
    ['/cut.tsv', /ends in the middle of row 5/, 4],
    ['/cut.xml', /<item> number 2 is never closed/, 1],
    ['/cut-between.xml', /ends before its root element <rss> closes/, 1],
  ])('reads a feed cut off mid-record (%s) as a failed document, after the records before the cut', async (path, message, good) => {
    const events = await read(path);
    expect(readings(events)).toHaveLength(good);
    const failed = ofType(events, 'document_error');
    expect(failed).toEqual([expect.objectContaining({ kind: 'source_parse', retryable: true, message: expect.stringMatching(message) })]);
    expect(events.at(-1)).toBe(failed[0]);
  });

  it('stops at the record cap with a cap error (the read is then incomplete)', async () => {
    const events = await read('/many.tsv', { maxRecords: 10 });
    expect(readings(events)).toHaveLength(10);
    expect(ofType(events, 'document_error')).toEqual([
      expect.objectContaining({ kind: 'source_record_cap', retryable: false, message: expect.stringMatching(/after 10 records/) }),
    ]);
    expect(readings(await read('/many.tsv', { maxRecords: 50 }))).toHaveLength(50);
  });

  it('cuts off an endless feed at the byte cap as too_large, far above the pages\' body cap', async () => {
    const events = await read('/endless.tsv', { maxBytes: 2_000_000 });
    expect(readings(events).length).toBeGreaterThan(10_000);
    expect(events.at(-1)).toMatchObject({ type: 'document_error', kind: 'too_large' });
  });

  it('takes a record cap and a format in the store config, checked at the door', () => {
    const config = (discovery: Record<string, unknown>) => ({
      stores: [{ id: 's', name: 'S', baseUrl: 'https://s.example/', hostPatterns: ['s.example'], currency: 'INR', discovery: { kind: 'merchant-feed', url: 'https://s.example/f.tsv', ...discovery } }],
    });
    expect(parseStoresConfig(config({ maxRecords: 10, format: 'tsv' }))[0].discovery).toMatchObject({ maxRecords: 10, format: 'tsv' });
    expect(() => parseStoresConfig(config({ format: 'json' }))).toThrow(/discovery\.format/);
    expect(() => parseStoresConfig(config({ maxRecords: 0 }))).toThrow(/discovery\.maxRecords/);
  });

  it('refuses what is not a feed, and a feed that is not there', async () => {
    expect(await read('/html')).toEqual([expect.objectContaining({ type: 'document_error', kind: 'source_parse', message: expect.stringMatching(/is an HTML page, not an RSS 2.0 or Atom feed/) })]);
    expect(await read('/nowhere.tsv')).toEqual([expect.objectContaining({ type: 'document_error', kind: 'gone', httpStatus: 404 })]);
  });

  it('asks with the stored validators, gives "unchanged" with the stored listing URLs on 304, and completes a full read with its validators', async () => {
    server.live = 'id\ttitle\tlink\tprice\nV-1\tLive\thttp://127.0.0.1/v/1\t5 INR\nV-2\tBroken\thttp://127.0.0.1/v/2\tn/a\n';
    const first = await read('/live.tsv', { validators: { get: async () => undefined } });
    const complete = ofType(first, 'document_complete');
    expect(complete).toEqual([
      { type: 'document_complete', url: `${server.url}/live.tsv`, etag: expect.stringMatching(/^"/), lastModified: null, listingUrls: ['http://127.0.0.1/v/1', 'http://127.0.0.1/v/2'], hasNext: false },
    ]);
    const stored: SourceValidators = {
      get: async () => ({ etag: complete[0].etag, lastModified: null, hasNext: false, listingUrls: async () => complete[0].listingUrls }),
    };
    expect(await read('/live.tsv', { validators: stored })).toEqual([{ type: 'unchanged', url: `${server.url}/live.tsv`, listingUrls: complete[0].listingUrls }]);
    expect(server.requests.at(-1)?.headers['if-none-match']).toBe(complete[0].etag);
    server.live += 'V-3\tNew\thttp://127.0.0.1/v/3\t7 INR\n';
    expect(readings(await read('/live.tsv', { validators: stored }))).toHaveLength(2);
    // Without a place to keep validators, no listing URLs are collected.
    expect(ofType(await read('/live.tsv'), 'document_complete')).toEqual([]);
  });
});
