// When one machine is not enough: crawls go through pg-boss on the Postgres server. One queue per
// store with the 'stately' policy holds at most one waiting and one running crawl of that store, so
// any number of worker processes never crawl a store twice at once; pg-boss's cron enqueues them.
import PgBoss from 'pg-boss';
import type { StoreConfig } from '../config/store-config.ts';
import { logger as rootLogger, type Logger } from '../logger.ts';

export const crawlQueueName = (storeId: string) => `crawl_${storeId}`;

interface CrawlJob {
  storeId: string;
  trigger: 'schedule' | 'startup' | 'manual';
}

function createBoss(databaseUrl: string, log: Logger): PgBoss {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', max: 4 });
  boss.on('error', (error) => log.error({ err: error }, 'pg-boss error'));
  return boss;
}

async function ensureQueues(boss: PgBoss, stores: StoreConfig[]): Promise<void> {
  for (const store of stores) {
    const name = crawlQueueName(store.id);
    if (!(await boss.getQueue(name))) {
      // A crawl that runs longer than this is presumed dead and handed to another worker.
      await boss.createQueue(name, { name, policy: 'stately', expireInSeconds: 6 * 3_600, retryLimit: 1, retryDelay: 60 });
    }
  }
}

export interface DistributedScheduler {
  /** Enqueues a crawl now (ignored by pg-boss while one is already waiting). */
  enqueue(storeId: string, trigger?: CrawlJob['trigger']): Promise<string | null>;
  stop(): Promise<void>;
}

/** Registers every store's cron schedule in pg-boss (one process should do this; it is idempotent). */
export async function startDistributedScheduler(options: {
  databaseUrl: string;
  stores: StoreConfig[];
  runAtStart?: boolean;
  logger?: Logger;
}): Promise<DistributedScheduler> {
  const log = (options.logger ?? rootLogger).child({ component: 'distributed-scheduler' });
  const boss = createBoss(options.databaseUrl, log);
  await boss.start();
  await ensureQueues(boss, options.stores);
  for (const store of options.stores) {
    await boss.schedule(crawlQueueName(store.id), store.schedule, { storeId: store.id, trigger: 'schedule' } satisfies CrawlJob);
  }
  const enqueue = (storeId: string, trigger: CrawlJob['trigger'] = 'manual') =>
    boss.send(crawlQueueName(storeId), { storeId, trigger } satisfies CrawlJob);
  if (options.runAtStart !== false) for (const store of options.stores) await enqueue(store.id, 'startup');
  log.info({ stores: options.stores.length }, 'crawl schedules registered in pg-boss');
  return { enqueue, stop: () => boss.stop({ graceful: true, timeout: 30_000 }) };
}

export interface CrawlWorker {
  stop(): Promise<void>;
}

/** A worker process: takes crawl jobs of the given stores, one store at a time per queue. */
export async function startCrawlWorker(options: {
  databaseUrl: string;
  stores: StoreConfig[];
  crawl: (store: StoreConfig, trigger: string) => Promise<unknown>;
  pollingIntervalSeconds?: number;
  logger?: Logger;
}): Promise<CrawlWorker> {
  const log = (options.logger ?? rootLogger).child({ component: 'crawl-worker' });
  const boss = createBoss(options.databaseUrl, log);
  await boss.start();
  await ensureQueues(boss, options.stores);
  for (const store of options.stores) {
    await boss.work<CrawlJob>(
      crawlQueueName(store.id),
      { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 },
      async ([job]) => {
        log.info({ store: store.id, job: job.id }, 'crawl job taken');
        await options.crawl(store, job.data.trigger ?? 'worker');
      },
    );
  }
  return { stop: () => boss.stop({ graceful: true, timeout: 30_000 }) };
}
