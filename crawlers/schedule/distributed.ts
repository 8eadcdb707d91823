// When one machine is not enough: crawls go through pg-boss on the Postgres server. One queue per
// store with the 'stately' policy holds at most one waiting and one running crawl of that store, so
// any number of worker processes never crawl a store twice at once; pg-boss's cron enqueues them.
// A worker killed mid-crawl is noticed by the others within the stale horizon and its job handed
// over (takeover.ts, job-claims.ts); per-host politeness across workers is the fetcher's shared budget.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import PgBoss from 'pg-boss';
import type { Database } from '../../db/client.ts';
import { crawlStaleAfterMs } from '../../db/queries/crawl-runs.ts';
import type { StoreConfig } from '../config/store-config.ts';
import { logger as rootLogger, type Logger } from '../logger.ts';
import { startJobClaimKeeper, type JobClaimKeeper } from './job-claims.ts';
import { ensureQueue } from './queues.ts';
import { startTakeoverMonitor, takeoverTimings, type TakeoverMonitor } from './takeover.ts';

export const crawlQueueName = (storeId: string) => `crawl_${storeId}`;

interface CrawlJob {
  storeId: string;
  trigger: 'schedule' | 'startup' | 'manual' | 'takeover';
  /** Set on a crawl handed over from dead workers (takeover.ts). */
  takeovers?: number;
}

function createBoss(databaseUrl: string, log: Logger): PgBoss {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: 'pgboss', max: 4 });
  boss.on('error', (error) => log.error({ err: error }, 'pg-boss error'));
  return boss;
}

async function ensureQueues(boss: PgBoss, stores: StoreConfig[]): Promise<void> {
  for (const store of stores) {
    // Past expireInSeconds a job counts as dead even without a takeover check (the last resort; takeover.ts is the prompt one).
    await ensureQueue(boss, crawlQueueName(store.id), { policy: 'stately', expireInSeconds: 6 * 3_600, retryLimit: 1, retryDelay: 60 });
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

/**
 * A worker process: takes crawl jobs of the given stores, one store at a time per queue. With `db`
 * it claims each job it runs and beats for it, and hands over the jobs of workers gone silent
 * (takeover.ts); the crawl's signal aborts when this worker's own job was handed over.
 */
export async function startCrawlWorker(options: {
  databaseUrl: string;
  stores: StoreConfig[];
  crawl: (store: StoreConfig, trigger: string, signal?: AbortSignal) => Promise<unknown>;
  /** The shared database: job claims and takeovers. Without it a killed worker's job waits for its expiry. */
  db?: Database;
  /** A worker silent this long is presumed dead. Default TULNA_CRAWL_STALE_SECONDS (90 s). */
  staleAfterMs?: number;
  pollingIntervalSeconds?: number;
  logger?: Logger;
}): Promise<CrawlWorker> {
  const log = (options.logger ?? rootLogger).child({ component: 'crawl-worker' });
  const boss = createBoss(options.databaseUrl, log);
  await boss.start();
  await ensureQueues(boss, options.stores);
  const timings = takeoverTimings(options.staleAfterMs ?? crawlStaleAfterMs());
  const worker = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  let claims: JobClaimKeeper | undefined;
  let monitor: TakeoverMonitor | undefined;
  if (options.db) {
    claims = startJobClaimKeeper({ db: options.db, worker, beatEveryMs: timings.beatEveryMs, logger: log });
    monitor = startTakeoverMonitor({ boss, db: options.db, timings, logger: log });
  }
  for (const store of options.stores) {
    const queue = crawlQueueName(store.id);
    await boss.work<CrawlJob>(queue, { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async ([job]) => {
      log.info({ store: store.id, job: job.id, worker, trigger: job.data.trigger }, 'crawl job taken');
      const signal = await claims?.take({ id: job.id, queue, storeId: store.id });
      try {
        await options.crawl(store, job.data.trigger ?? 'worker', signal);
      } finally {
        await claims?.release(job.id);
      }
    });
  }
  return {
    async stop() {
      await monitor?.stop();
      await boss.stop({ graceful: true, timeout: 30_000 });
      claims?.stop();
    },
  };
}
