// `tulna start` (npm start): one process owns the embedded database and runs the demo stores,
// the crawl scheduler and the site together.
import { environmentSection } from '../../config/environment.ts';
import type { Command } from '../command.ts';
import { databaseOptionsFromEnv, openDatabase, setSharedDatabase } from '../../db/client.ts';
import { ensureAccount } from '../../db/queries/accounts/accounts.ts';
import type { StoreConfig } from '../../crawlers/config/store-config.ts';
import { createCrawlPipeline } from '../../crawlers/run/pipeline.ts';
import { BrowserPool } from '../../crawlers/browser/pool.ts';
import { startDispatcher } from '../../crawlers/alerts/dispatch.ts';
import { startDecisionApplier } from '../../crawlers/schedule/decision-applier.ts';
import { startClaimChecker } from '../../crawlers/retailers/claim-checker.ts';
import { startDigestSchedule } from '../../crawlers/retailers/alerts/digest.ts';
import { refreshStorePositions } from '../../db/queries/retailers/positions.ts';
import { ensureDemoRetailer } from '../demo-retailer.ts';
import { startAccountSweep } from '../../crawlers/accounts/sweep.ts';
import { startScheduler } from '../../crawlers/schedule/scheduler.ts';
import { formatRevisitSummary, startRevisitLoop } from '../../crawlers/freshness/revisit.ts';
import { getSharedSearchEngine } from '../../search/index.ts';
import { startSiteServer } from '../site-server.ts';
import { ensureSiteBuilt } from '../site-build.ts';
import { loadConfiguredStores, recoverAbandonedRuns, startDemoStoreSet, type DemoStoreSet } from '../stores.ts';
import { formatCrawlSummary } from './crawl.ts';

export const command: Command = {
  summary: 'Run everything: demo stores, scheduled crawls and the site (HOST/PORT, default 127.0.0.1:4321)',
  usage: 'tulna start [--no-demo] [--no-crawl]',
  options: { 'no-demo': { type: 'boolean' }, 'no-crawl': { type: 'boolean' } },
  async run({ flags }) {
    const { HOST: host, PORT: port, TULNA_DEMO_PORT: demoPort } = environmentSection('server');
    // A bad admin password or email fails here, at start, not on the first login.
    const { TULNA_ADMIN_PASSWORD: adminPassword, TULNA_ADMIN_EMAIL: adminEmail } = environmentSection('admin');

    await ensureSiteBuilt();
    const handle = await openDatabase(databaseOptionsFromEnv());
    const cleanups: (() => Promise<unknown>)[] = [() => handle.close()];
    const shutdown = async () => {
      for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
    };
    try {
      setSharedDatabase(handle);
      // The administrator is an account of role admin: made, or its password updated, from the environment.
      if (adminPassword) await ensureAccount(handle.db, { email: adminEmail, password: adminPassword, role: 'admin' });
      const interrupted = await recoverAbandonedRuns(handle);
      if (interrupted > 0) process.stdout.write(`${interrupted} interrupted crawl(s) will resume\n`);

      let stores: StoreConfig[] = loadConfiguredStores();
      let demoSet: DemoStoreSet | undefined;
      if (!flags['no-demo']) {
        // Fixed ports: listings are keyed by URL, so the demo stores must keep their addresses.
        demoSet = await startDemoStoreSet({ basePort: demoPort });
        cleanups.push(() => demoSet!.demo.close());
        stores = [...stores, ...demoSet.stores];
        for (const store of demoSet.stores) process.stdout.write(`demo store ${store.name.padEnd(18)} ${store.baseUrl}\n`);
      }

      if (demoSet && demoSet.stores.length > 0) {
        // One demo store gets a retailer account, so a newcomer sees the dashboard fill as the crawl lands.
        const demoRetailer = await ensureDemoRetailer(handle.db, demoSet.stores[0]);
        process.stdout.write(`demo retailer of ${demoSet.stores[0].name}: ${demoRetailer.email} / ${demoRetailer.password}\n`);
      }

      const search = getSharedSearchEngine(handle.db);
      cleanups.push(() => search.close());
      const site = await startSiteServer({ host, port, trustedProxies: environmentSection('proxy').TULNA_TRUST_PROXY });
      cleanups.push(() => site.close());
      process.stdout.write(`Tulna is running at ${site.url} (database: ${handle.driver} at ${handle.location})\n`);
      if (adminPassword) process.stdout.write(`Admin: ${site.url}/account/login as ${adminEmail}\n`);
      if (!environmentSection('alerts').SMTP_URL) {
        process.stdout.write(handle.driver === 'pglite' ? `Alert mail (no SMTP_URL): kept in the local outbox, ${site.url}/outbox\n` : 'Alert mail: set SMTP_URL to send it\n');
      }
      // Merge / split decisions made on the admin pages, re-matched every 15 s (also with --no-crawl).
      const applier = startDecisionApplier({ db: handle.db, search });
      cleanups.push(() => applier.stop());
      // Alert mail and webhooks, from the outbox (mail stays in the local outbox without SMTP_URL).
      const dispatcher = startDispatcher({ db: handle.db });
      cleanups.push(() => dispatcher.stop());
      // Store claims: the token on the retailer's site, looked for when they ask (demo stores live on loopback).
      const claimChecker = startClaimChecker({
        db: handle.db,
        allowPrivateHosts: (demoSet?.stores ?? []).map((store) => new URL(store.baseUrl).host),
        onVerified: async (storeId) => void (await refreshStorePositions(handle.db, storeId)),
      });
      cleanups.push(() => claimChecker.stop());
      // Retailers' daily digest mail (07:00 UTC, or at start when that hour has passed today).
      const stopDigests = startDigestSchedule({ db: handle.db });
      cleanups.push(() => stopDigests());
      const stopSweep = startAccountSweep({ db: handle.db });
      cleanups.push(async () => stopSweep());

      if (!flags['no-crawl'] && stores.length > 0) {
        // Chromium starts only when a store turns out to need it (script-rendered), and stops with us.
        const browser = new BrowserPool();
        cleanups.push(() => browser.close());
        const pipeline = createCrawlPipeline({ db: handle.db, stores, search, browser });
        cleanups.push(() => pipeline.close());
        // Stopping ends crawls under way at once; what they stored stays, and the next start resumes.
        const stopCrawls = new AbortController();
        const scheduler = startScheduler({
          stores,
          crawl: async (store, trigger) => {
            const summary = await pipeline.crawl(store, { trigger, signal: stopCrawls.signal });
            process.stdout.write(`${store.id}: ${formatCrawlSummary([summary], summary.seconds)}\n`);
          },
        });
        cleanups.push(() => {
          stopCrawls.abort();
          return scheduler.stop();
        });
        // Between full crawls: listings due by freshness (followed, changing, awaiting a second reading) every 20 s.
        const revisits = await startRevisitLoop({
          db: handle.db,
          stores,
          fetcher: pipeline.fetcher,
          browser,
          hooks: pipeline.hooks,
          onRevisit: (summary) => process.stdout.write(`${formatRevisitSummary(summary)}\n`),
        });
        cleanups.push(() => revisits.stop());
      }
    } catch (error) {
      await shutdown();
      throw error;
    }

    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    process.stdout.write('stopping…\n');
    await shutdown();
    return 0;
  },
};
