import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../../db/client.ts';
import {
  CrawlAlreadyRunningError,
  getPreviousCrawlRun,
  listCrawlRuns,
  startCrawlRun,
  touchCrawlRun,
} from '../../../db/queries/crawl-runs.ts';
import { upsertStores } from '../../../db/queries/stores.ts';
import { openTestDatabase, testDrivers } from '../../helpers/db.ts';

describe.each(testDrivers)('crawl runs on %s', (driver) => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    await upsertStores(handle.db, [{ id: 'shop', name: 'Shop', baseUrl: 'https://shop.example', currency: 'INR', sourceKind: 'jsonld' }]);
  });
  afterAll(() => handle?.close());

  it('refuses a second run of a store while the first gives signs of life, and recovers a silent one', async () => {
    const first = await startCrawlRun(handle.db, 'shop', 'manual', new Date('2026-11-23T10:00:00Z'), 90_000);
    await touchCrawlRun(handle.db, first.id, new Date('2026-11-23T10:05:00Z'));
    // One minute after the last heartbeat: the first run may still be alive.
    await expect(startCrawlRun(handle.db, 'shop', 'manual', new Date('2026-11-23T10:06:00Z'), 90_000)).rejects.toBeInstanceOf(
      CrawlAlreadyRunningError,
    );
    // Ten minutes of silence: its process is gone; the new run takes over and can resume it.
    const second = await startCrawlRun(handle.db, 'shop', 'manual', new Date('2026-11-23T10:15:00Z'), 90_000);
    const runs = await listCrawlRuns(handle.db);
    expect(runs.find((r) => r.id === first.id)?.status).toBe('interrupted');
    expect(runs.find((r) => r.id === second.id)?.status).toBe('running');
    expect((await getPreviousCrawlRun(handle.db, 'shop', second.id))?.id).toBe(first.id);
  });
});
