// Pages whose prices the database cannot hold never reach it: extraction refuses them with a reason,
// so a batch with such a page is stored whole, without the one-by-one fallback.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractListing } from '../../../crawlers/extract/index.ts';
import { ListingWriter } from '../../../crawlers/run/listing-writer.ts';
import { toListingReading } from '../../../crawlers/normalise/listing-reading.ts';
import type { DbHandle } from '../../../db/client.ts';
import { startCrawlRun } from '../../../db/queries/crawl-runs.ts';
import { upsertStores } from '../../../db/queries/stores.ts';
import { openTestDatabase, testDrivers } from '../../helpers/db.ts';
import { listingStates } from './crawl-fixture.ts';

const ORIGIN = 'https://shop.example';
const page = (price: string) =>
  `<html><head><script type="application/ld+json">{"@type":"Product","name":"Thing","sku":"T","offers":{"@type":"Offer","price":${price},"priceCurrency":"EUR","availability":"https://schema.org/InStock"}}</script></head><body><h1>Thing</h1></body></html>`;

/** Path → the JSON-LD price of its page. */
const PAGES: Record<string, string> = {
  '/p/huge': '"1e308"',
  '/p/exponent': '"2.5e3"',
  '/p/tiny': '"0.00001"',
  '/p/plain': '"499.00"',
};

describe.each(testDrivers)('prices the money columns cannot hold, on %s', (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    await upsertStores(handle.db, [{ id: 'shop', name: 'Shop', baseUrl: `${ORIGIN}/`, currency: 'EUR', sourceKind: 'jsonld' }]);
  });
  afterAll(() => handle?.close());

  it('refuses them at extraction and stores the rest of the batch in one write', async () => {
    const refusals: Record<string, string> = {};
    const writes: string[] = [];
    const log = pino({ level: 'warn' }, { write: (line: string) => void writes.push(line) });
    const errors: string[] = [];
    const run = await startCrawlRun(handle.db, 'shop');
    const counts = { pages: 0, listingsSeen: 0, listingsNew: 0, listingsChanged: 0, listingsUnchanged: 0, errors: 0 };
    const writer = new ListingWriter({
      db: handle.db,
      storeId: 'shop',
      storeUrl: `${ORIGIN}/`,
      runId: run.id,
      counts,
      batchSize: 10,
      log,
      now: () => new Date(),
      recordError: async (url, kind, message) => void errors.push(`${url} ${kind} ${message}`),
    });
    for (const [path, price] of Object.entries(PAGES)) {
      const url = `${ORIGIN}${path}`;
      const result = extractListing(page(price), { url });
      if (result.ok) await writer.add(toListingReading(result.listing, { url }));
      else refusals[path] = `${result.error.code}: ${result.error.message}`;
    }
    await writer.flush();

    expect(Object.keys(refusals).sort()).toEqual(['/p/huge', '/p/tiny']);
    expect(refusals['/p/huge']).toMatch(/^absurd_price: .*at most 999999999\.9999/);
    expect(refusals['/p/tiny']).toMatch(/^absurd_price: .*at least 0\.0001.*0\.00001/);
    expect(writes.join('\n')).not.toMatch(/batch write failed/);
    expect(errors).toEqual([]);
    const stored = await listingStates(handle.db);
    expect([...stored.values()].map((l) => [new URL(l.url).pathname, l.price])).toEqual([
      ['/p/exponent', '2500.0000'],
      ['/p/plain', '499.0000'],
    ]);
    expect(counts.listingsNew).toBe(2);
  });
});
