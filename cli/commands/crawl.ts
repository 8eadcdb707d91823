// `tulna crawl`: crawl stores now, with a progress display and a summary.
import type { Command, CommandContext } from '../command.ts';
import { databaseOptionsFromEnv, openDatabase, type DbHandle } from '../../db/client.ts';
import type { StoreConfig } from '../../crawlers/config/store-config.ts';
import { createCrawlPipeline } from '../../crawlers/run/pipeline.ts';
import { BrowserPool } from '../../crawlers/browser/pool.ts';
import type { CrawlSummary } from '../../crawlers/run/crawl-store.ts';
import { createSearchEngine } from '../../search/index.ts';
import { progressLine } from '../progress.ts';
import { loadConfiguredStores, recoverAbandonedRuns, startDemoStoreSet, storesFilePath } from '../stores.ts';

export function formatCrawlSummary(summaries: CrawlSummary[], seconds: number): string {
  const total = (key: keyof CrawlSummary['counts']) => summaries.reduce((sum, s) => sum + s.counts[key], 0);
  return (
    `crawl summary: ${total('pages')} pages, ${total('listingsSeen')} listings ` +
    `(${total('listingsNew')} new, ${total('listingsChanged')} changed, ${total('listingsUnchanged')} unchanged), ` +
    `${total('errors')} errors in ${seconds.toFixed(1)} s`
  );
}

export const command: Command = {
  summary: 'Crawl stores now (--store ID for one; --demo starts the demo stores, crawls each once and exits)',
  usage: 'tulna crawl [--store ID] [--demo] [--unlimited]',
  options: {
    store: { type: 'string' },
    demo: { type: 'boolean' },
    unlimited: { type: 'boolean' },
  },
  async run({ flags }) {
    // The demo stores and the database are closed whatever fails below (open servers would keep
    // the process alive after an error).
    const demoSet = flags.demo ? await startDemoStoreSet() : undefined;
    try {
      const stores = selectStores(demoSet?.stores ?? configuredStoresOrFail(), flags.store);
      const handle = await openDatabase(databaseOptionsFromEnv());
      try {
        return await crawlNow(handle, stores, flags);
      } finally {
        await handle.close();
      }
    } finally {
      await demoSet?.demo.close();
    }
  },
};

function configuredStoresOrFail(): StoreConfig[] {
  const stores = loadConfiguredStores();
  if (stores.length === 0) {
    throw new Error(
      `no stores are configured (${storesFilePath()} does not exist). ` +
        'Create it (see config/stores.example.json), set TULNA_STORES, or run "tulna crawl --demo".',
    );
  }
  return stores;
}

function selectStores(stores: StoreConfig[], wanted: unknown): StoreConfig[] {
  if (typeof wanted !== 'string') return stores;
  const selected = stores.filter((store) => store.id === wanted);
  if (selected.length === 0) throw new Error(`no configured store has the id "${wanted}"`);
  return selected;
}

async function crawlNow(handle: DbHandle, stores: StoreConfig[], flags: CommandContext['flags']): Promise<number> {
  await recoverAbandonedRuns(handle);
  const search = createSearchEngine(handle.db);
  // Chromium starts only when a store turns out to need it (script-rendered).
  const browser = new BrowserPool();
  const pipeline = createCrawlPipeline({ db: handle.db, stores, search, unlimited: Boolean(flags.unlimited), browser });
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  const line = progressLine();
  const started = Date.now();
  const summaries: CrawlSummary[] = [];
  try {
    process.stdout.write(`crawling ${stores.length} store(s) into the ${handle.driver} database at ${handle.location}\n`);
    // Stores are crawled side by side: politeness is per host, so they do not slow each other.
    const results = await Promise.all(
      stores.map((store) =>
        pipeline.crawl(store, {
          trigger: flags.demo ? 'demo' : 'manual',
          signal: abort.signal,
          onProgress: (p) =>
            line.update(
              `${p.storeId}: ${p.phase} ${p.done}/${p.discovered} pages, ${p.counts.listingsSeen} listings, ${p.counts.errors} errors`,
            ),
        }),
      ),
    );
    summaries.push(...results);
    line.done();
    for (const s of summaries) {
      process.stdout.write(
        `  ${s.storeId.padEnd(20)} ${s.status.padEnd(11)} ${s.counts.pages} pages, ${s.counts.listingsSeen} listings ` +
          `(${s.counts.listingsNew} new, ${s.counts.listingsChanged} changed), ${s.counts.errors} errors, ${s.seconds.toFixed(1)} s` +
          (s.resumedSkipped ? `, resumed (${s.resumedSkipped} already read)` : '') +
          (s.message ? ` — ${s.message}` : '') +
          '\n',
      );
    }
    process.stdout.write(formatCrawlSummary(summaries, (Date.now() - started) / 1000) + '\n');
    return summaries.every((s) => s.status === 'succeeded') ? 0 : 1;
  } finally {
    process.off('SIGINT', onSigint);
    await pipeline.close();
    await browser.close();
    await search.close();
  }
}
