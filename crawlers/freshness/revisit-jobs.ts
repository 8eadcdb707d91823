// Revisits when crawling is spread over worker processes: one pg-boss queue per store with the
// 'stately' policy (at most one revisit of a store waiting and one running, across every worker),
// and every worker offering a job per store each tick with `singletonSeconds`, so pg-boss keeps one
// job per store per tick slot however many workers offer it. Any worker takes it.
import PgBoss from 'pg-boss';
import { Cron } from 'croner';
import { markRevisitTicks, pruneQuietRevisitRuns } from '../../db/queries/crawling/freshness.ts';
import type { StoreConfig } from '../config/store-config.ts';
import { logger as rootLogger } from '../logger.ts';
import { REVISIT_TICK_SECONDS, isRevisitedStore, recordPlans, revisitStore, type RevisitDeps, type RevisitSummary } from './revisit.ts';

export const revisitQueueName = (storeId: string) => `revisit_${storeId}`;

interface RevisitJob {
  storeId: string;
}

export interface RevisitWorkerOptions extends RevisitDeps {
  databaseUrl: string;
  stores: StoreConfig[];
  tickSeconds?: number;
  pollingIntervalSeconds?: number;
  onRevisit?: (summary: RevisitSummary) => void;
}

export interface RevisitWorker {
  /** Offers one revisit job per store now (pg-boss drops those already offered in this tick slot). */
  offer(): Promise<number>;
  stop(): Promise<void>;
}

export async function startRevisitWorker(options: RevisitWorkerOptions): Promise<RevisitWorker> {
  const tickSeconds = options.tickSeconds ?? REVISIT_TICK_SECONDS;
  if (!Number.isInteger(tickSeconds) || tickSeconds < 1 || 60 % tickSeconds !== 0) {
    throw new TypeError(`Expected tickSeconds to be a whole divisor of 60 such as 20, got ${String(options.tickSeconds)}`);
  }
  const log = (options.logger ?? rootLogger).child({ component: 'revisit-worker' });
  const canRender = options.browser !== undefined;
  const stores = options.stores.filter((store) => isRevisitedStore(store, canRender));
  await recordPlans(options.db, options.stores, tickSeconds, canRender);
  const boss = new PgBoss({ connectionString: options.databaseUrl, schema: 'pgboss', max: 2 });
  boss.on('error', (error) => log.error({ err: error }, 'pg-boss error'));
  await boss.start();
  for (const store of stores) {
    const name = revisitQueueName(store.id);
    // A tick is seconds long; one that takes minutes died with its worker and is not retried (the next tick comes).
    if (!(await boss.getQueue(name))) await boss.createQueue(name, { name, policy: 'stately', expireInSeconds: 120, retryLimit: 0 });
  }
  const now = options.now ?? (() => new Date());
  for (const store of stores) {
    await boss.work<RevisitJob>(revisitQueueName(store.id), { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async () => {
      const summary = await revisitStore(store, options, { tickSeconds });
      await markRevisitTicks(options.db, [store.id], now());
      if (!summary.skipped) options.onRevisit?.(summary);
    });
  }
  const offer = async () => {
    let offered = 0;
    for (const store of stores) {
      const id = await boss.send(revisitQueueName(store.id), { storeId: store.id } satisfies RevisitJob, { singletonSeconds: tickSeconds });
      if (id) offered++;
    }
    return offered;
  };
  let lastPruneMs = 0;
  const job = new Cron(`*/${tickSeconds} * * * * *`, { protect: true, catch: true }, async () => {
    try {
      await offer();
      if (Date.now() - lastPruneMs > 3_600_000) {
        lastPruneMs = Date.now();
        await pruneQuietRevisitRuns(options.db, new Date(now().getTime() - 24 * 3_600_000));
      }
    } catch (error) {
      log.error({ err: error }, 'offering revisit jobs failed');
    }
  });
  return {
    offer,
    async stop() {
      job.stop();
      await boss.stop({ graceful: true, timeout: 30_000 });
    },
  };
}
