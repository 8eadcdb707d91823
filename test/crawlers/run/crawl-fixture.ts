// Stores and fetchers for crawl tests: real configs through the store-config parser, real fetchers
// with short timeouts and retry waits so hostile routes fail fast.
import { sql } from 'drizzle-orm';
import { parseStoresConfig, type StoreConfig, type StoreConfigInput } from '../../../crawlers/config/store-config.ts';
import { createFetcher } from '../../../crawlers/core/fetcher.ts';
import type { Fetcher } from '../../../crawlers/core/types.ts';
import { queryRows, type Database } from '../../../db/client.ts';

export const TEST_USER_AGENT = 'TulnaBot/0.1 (+https://github.com/tulna/tulna; price comparison)';

export function testStore(origin: string, overrides: Partial<StoreConfigInput> = {}): StoreConfig {
  const [store] = parseStoresConfig(
    {
      stores: [
        {
          id: 'test-store',
          name: 'Test Store',
          baseUrl: `${origin}/`,
          hostPatterns: [new URL(origin).host],
          country: 'IN',
          currency: 'INR',
          discovery: { kind: 'sitemap', url: `${origin}/sitemap.xml` },
          politeness: { concurrency: 4, requestsPerSecond: 100, timeoutMs: 400, maxBodyBytes: 1_000_000, maxRetries: 2 },
          ...overrides,
        },
      ],
    },
    'crawl test store',
  );
  return store;
}

/** A fresh fetcher (a new process, as far as robots.txt caching goes) for the store. */
export function testFetcher(store: StoreConfig): Fetcher {
  return createFetcher({
    userAgent: TEST_USER_AGENT,
    politeness: store.politeness,
    allowPrivateAddresses: true,
    retryBaseDelayMs: 10,
    retryMaxDelayMs: 50,
    maxRetryAfterMs: 3_000,
  });
}

export async function count(db: Database, table: 'listings' | 'price_observations' | 'crawl_errors' | 'crawl_runs'): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(db, sql.raw(`SELECT count(*) AS n FROM ${table}`));
  return Number(row.n);
}

export interface ListingState {
  url: string;
  price: string | null;
  status: string;
  observations: number;
}

/** Every listing with its price, status and number of observations, by URL. */
export async function listingStates(db: Database): Promise<Map<string, ListingState>> {
  const rows = await queryRows<{ url: string; price: string | null; status: string; observations: number | string }>(
    db,
    sql`SELECT l.url, l.price::text AS price, l.status,
          (SELECT count(*) FROM price_observations o WHERE o.listing_id = l.id) AS observations
        FROM listings l ORDER BY l.url`,
  );
  return new Map(rows.map((row) => [row.url, { ...row, observations: Number(row.observations) }]));
}
