// A full crawl that finds the store's run slot taken by a revisit tick waits for it (seconds, its
// budget is small) instead of failing: revisits never hold back the store's cron.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../db/client.ts';
import { CrawlAlreadyRunningError } from '../../db/queries/crawl-runs.ts';
import { REVISIT_TRIGGER, runningCrawlTrigger } from '../../db/queries/crawling/freshness.ts';

/** Longest wait for a revisit tick to end (its fetches are capped well below this). */
const MAX_WAIT_MS = 120_000;
const POLL_MS = 250;

export async function waitOutRevisit<T>(db: Database, storeId: string, start: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  const since = Date.now();
  for (;;) {
    try {
      return await start();
    } catch (error) {
      if (!(error instanceof CrawlAlreadyRunningError) || signal?.aborted || Date.now() - since > MAX_WAIT_MS) throw error;
      // Another full crawl (not a revisit) is running: that is the caller's to hear about.
      const trigger = await runningCrawlTrigger(db, storeId);
      if (trigger !== null && trigger !== REVISIT_TRIGGER) throw error;
      await sleep(POLL_MS);
    }
  }
}
