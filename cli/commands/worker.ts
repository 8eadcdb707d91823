// `tulna worker`: one of many crawl worker processes sharing a Postgres server through pg-boss.
import type { Command } from '../command.ts';
import { databaseOptionsFromEnv, openDatabase } from '../../db/client.ts';
import { createCrawlPipeline } from '../../crawlers/run/pipeline.ts';
import { BrowserPool } from '../../crawlers/browser/pool.ts';
import { startDispatcher } from '../../crawlers/alerts/dispatch.ts';
import { startDecisionApplier } from '../../crawlers/schedule/decision-applier.ts';
import { startClaimChecker } from '../../crawlers/retailers/claim-checker.ts';
import { startDigestSchedule } from '../../crawlers/retailers/alerts/digest.ts';
import { refreshStorePositions } from '../../db/queries/retailers/positions.ts';
import { startAccountSweep } from '../../crawlers/accounts/sweep.ts';
import { startCrawlWorker, startDistributedScheduler } from '../../crawlers/schedule/distributed.ts';
import { createSearchEngine } from '../../search/index.ts';
import { formatRevisitSummary } from '../../crawlers/freshness/revisit.ts';
import { startRevisitWorker } from '../../crawlers/freshness/revisit-jobs.ts';
import { loadConfiguredStores } from '../stores.ts';
import { formatCrawlSummary } from './crawl.ts';

export const command: Command = {
  summary: 'Take crawl jobs from the shared Postgres server (pg-boss); --schedule also registers the stores\' schedules',
  usage: 'tulna worker [--schedule]',
  options: { schedule: { type: 'boolean' } },
  async run({ flags }) {
    const options = databaseOptionsFromEnv();
    if (!options.databaseUrl) {
      throw new Error('workers share a Postgres server: set DATABASE_URL (the embedded database belongs to one process)');
    }
    const stores = loadConfiguredStores();
    if (stores.length === 0) throw new Error('no stores are configured: create config/stores.json or set TULNA_STORES');
    const handle = await openDatabase(options);
    const search = createSearchEngine(handle.db);
    // Chromium starts only when a store turns out to need it (script-rendered).
    const browser = new BrowserPool();
    const pipeline = createCrawlPipeline({ db: handle.db, stores, search, browser });
    const scheduler = flags.schedule ? await startDistributedScheduler({ databaseUrl: options.databaseUrl, stores }) : undefined;
    // The one scheduling worker also applies the admin site's merge / split decisions (every 15 s).
    const applier = flags.schedule ? startDecisionApplier({ db: handle.db, search }) : undefined;
    // Every worker delivers the outbox too: claims keep two from sending the same message.
    const dispatcher = startDispatcher({ db: handle.db });
    // The scheduling worker also checks store claims and queues the retailers' daily digest (once per day by its key).
    const claimChecker = flags.schedule
      ? startClaimChecker({ db: handle.db, onVerified: async (storeId) => void (await refreshStorePositions(handle.db, storeId)) })
      : undefined;
    const stopDigests = flags.schedule ? startDigestSchedule({ db: handle.db }) : undefined;
    const stopSweep = flags.schedule ? startAccountSweep({ db: handle.db }) : undefined;
    const worker = await startCrawlWorker({
      databaseUrl: options.databaseUrl,
      stores,
      // Claims and takeovers: a worker killed mid-crawl has its job handed to another within the stale horizon.
      db: handle.db,
      crawl: async (store, trigger, signal) => {
        const summary = await pipeline.crawl(store, { trigger, signal });
        process.stdout.write(`${store.id}: ${formatCrawlSummary([summary], summary.seconds)}\n`);
      },
    });
    // Revisits of due listings between full crawls: every worker offers them, pg-boss keeps one per store per tick.
    const revisits = await startRevisitWorker({
      databaseUrl: options.databaseUrl,
      db: handle.db,
      stores,
      fetcher: pipeline.fetcher,
      browser,
      hooks: pipeline.hooks,
      onRevisit: (summary) => process.stdout.write(`${formatRevisitSummary(summary)}\n`),
    });
    process.stdout.write(`worker ${process.pid} is taking crawl jobs for ${stores.length} store(s)\n`);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await revisits.stop();
    await worker.stop();
    await dispatcher.stop();
    await claimChecker?.stop();
    await stopDigests?.();
    stopSweep?.();
    await applier?.stop();
    await scheduler?.stop();
    await pipeline.close();
    await browser.close();
    await search.close();
    await handle.close();
    return 0;
  },
};
