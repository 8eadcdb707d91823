// Recurring crawls per store (croner). A store is never crawled twice at once: croner's `protect`
// skips a tick while the last run goes on, and the database's one-running-run index backs it up.
import { Cron } from 'croner';
import type { StoreConfig } from '../config/store-config.ts';
import { logger as rootLogger, type Logger } from '../logger.ts';

export interface SchedulerOptions {
  stores: StoreConfig[];
  /** Runs one crawl of one store; the scheduler awaits it before that store's next tick. */
  crawl: (store: StoreConfig, trigger: 'schedule' | 'startup') => Promise<unknown>;
  /** Crawl every store once right away, then on schedule (default true). */
  runAtStart?: boolean;
  logger?: Logger;
}

export interface Scheduler {
  /** Next planned run per store. */
  nextRuns(): { storeId: string; next: Date | null }[];
  /** Resolves when the crawls under way have finished (after stop()). */
  stop(): Promise<void>;
}

export function startScheduler(options: SchedulerOptions): Scheduler {
  const log = (options.logger ?? rootLogger).child({ component: 'scheduler' });
  const running = new Map<string, Promise<unknown>>();
  let stopped = false;

  const runOnce = (store: StoreConfig, trigger: 'schedule' | 'startup') => {
    if (stopped || running.has(store.id)) {
      log.info({ store: store.id }, 'skipping a tick: the previous crawl of this store is still running');
      return running.get(store.id);
    }
    const task = options
      .crawl(store, trigger)
      .catch((error: unknown) => log.error({ store: store.id, err: error }, 'scheduled crawl failed'))
      .finally(() => running.delete(store.id));
    running.set(store.id, task);
    return task;
  };

  const jobs = options.stores.map(
    (store) =>
      new Cron(store.schedule, { name: `crawl:${store.id}`, protect: true, catch: true }, async () => {
        await runOnce(store, 'schedule');
      }),
  );
  if (options.runAtStart !== false) for (const store of options.stores) void runOnce(store, 'startup');
  log.info({ stores: options.stores.map((s) => `${s.id} (${s.schedule})`) }, 'scheduler started');

  return {
    nextRuns: () => jobs.map((job, i) => ({ storeId: options.stores[i].id, next: job.nextRun() })),
    async stop() {
      stopped = true;
      for (const job of jobs) job.stop();
      await Promise.allSettled(running.values());
    },
  };
}
