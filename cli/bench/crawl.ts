// Crawl throughput: the five demo stores (started in this process) crawled end to end — discovery,
// fetching, extraction, batch writes, matching and search sync — into a fresh temporary database,
// once with per-host rate limits lifted and once polite, with request rates and peak memory.
import type { StoreConfig } from '../../crawlers/config/store-config.ts';
import { startDemoStores, type DemoStores } from '../../crawlers/demo/index.ts';
import type { CrawlSummary } from '../../crawlers/run/crawl-store.ts';
import { createCrawlPipeline } from '../../crawlers/run/pipeline.ts';
import { parseStoresConfig } from '../../crawlers/config/store-config.ts';
import type { DriverName } from '../../db/client.ts';
import { createSearchEngine } from '../../search/index.ts';
import { openTempDatabase } from './temp-database.ts';

/** A polite crawl longer than this (estimated) is capped per store, and the output says so. */
const POLITE_BUDGET_S = 120;
const DEFAULT_POLITE_CAP = 60;
const MB = 1024 * 1024;

interface ModeResult {
  pages: number;
  listings: number;
  errors: number;
  seconds: number;
  peakRssMb: number;
}

/** Samples RSS every 50 ms (the kernel's maxRSS only ever grows, so each mode also gets its own peak). */
function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss) / MB;
    },
  };
}

function parseDriver(flag: unknown): DriverName {
  if (flag === undefined) return 'pglite';
  if (flag === 'pglite' || flag === 'postgres') return flag;
  throw new Error(`--driver must be "pglite" or "postgres", found "${String(flag)}"`);
}

function parseCap(flag: unknown): number {
  if (flag === undefined) return DEFAULT_POLITE_CAP;
  const cap = Number.parseInt(String(flag), 10);
  if (!Number.isInteger(cap) || cap < 1) throw new Error(`--limit must be a whole number of pages per store >= 1, found "${String(flag)}"`);
  return cap;
}

/** The rate a store is really allowed: its configured rate, or robots.txt's Crawl-delay when slower. */
function politeRate(store: StoreConfig, crawlDelayS: number | null): number {
  const configured = store.politeness.requestsPerSecond;
  return crawlDelayS ? Math.min(configured, 1 / crawlDelayS) : configured;
}

async function crawlAll(
  demo: DemoStores,
  stores: StoreConfig[],
  driver: DriverName,
  mode: { unlimited: boolean; capPerStore?: number },
): Promise<ModeResult> {
  const handle = await openTempDatabase(driver);
  const search = createSearchEngine(handle.db);
  const pipeline = createCrawlPipeline({ db: handle.db, stores, search, unlimited: mode.unlimited });
  const sampler = rssSampler();
  const started = performance.now();
  let summaries: CrawlSummary[];
  try {
    summaries = await Promise.all(
      stores.map((store) => {
        const stop = new AbortController();
        return pipeline.crawl(store, {
          trigger: 'bench',
          signal: stop.signal,
          onProgress: (p) => {
            if (mode.capPerStore !== undefined && p.phase === 'fetching' && p.done >= mode.capPerStore) stop.abort();
          },
        });
      }),
    );
  } finally {
    await pipeline.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const peakRssMb = sampler.stop();
  const stats = pipeline.fetcher.stats();
  try {
    for (const summary of summaries) {
      const store = stores.find((s) => s.id === summary.storeId)!;
      const host = new URL(store.baseUrl).host;
      const figures = stats[host];
      const span = figures ? (figures.lastAt - figures.firstAt) / 1000 : 0;
      const measured = figures && span > 0 ? (figures.requests - 1) / span : 0;
      const crawlDelay = demo.stores.find((s) => s.profile.id === store.id)?.profile.crawlDelay ?? null;
      const allowed = mode.unlimited ? 'lifted' : `${politeRate(store, crawlDelay).toFixed(1)} req/s allowed`;
      process.stdout.write(
        `    ${store.id.padEnd(17)} ${String(summary.counts.pages).padStart(4)} pages, ${String(summary.counts.listingsSeen).padStart(4)} listings, ` +
          `${summary.counts.errors} errors, ${summary.seconds.toFixed(1)} s (${summary.status}); ` +
          `${figures?.requests ?? 0} requests at ${measured.toFixed(1)} req/s measured vs ${store.politeness.requestsPerSecond} req/s configured` +
          `${crawlDelay ? `, robots Crawl-delay ${crawlDelay} s` : ''} (${allowed})\n`,
      );
    }
  } finally {
    await search.close();
    await handle.close();
  }
  const total = (key: keyof CrawlSummary['counts']) => summaries.reduce((sum, s) => sum + s.counts[key], 0);
  return { pages: total('pages'), listings: total('listingsSeen'), errors: total('errors'), seconds, peakRssMb };
}

function report(label: string, result: ModeResult): void {
  process.stdout.write(
    `  ${label}: ${result.pages} pages, ${result.listings} listings, ${result.errors} errors in ${result.seconds.toFixed(1)} s = ` +
      `${(result.pages / result.seconds).toFixed(1)} pages/s, ${(result.listings / result.seconds).toFixed(1)} listings/s; ` +
      `peak RSS ${result.peakRssMb.toFixed(0)} MB (sampled every 50 ms)\n`,
  );
}

export async function runBench(_args: string[], flags: Record<string, unknown>): Promise<number> {
  const driver = parseDriver(flags.driver);
  const cap = parseCap(flags.limit);
  const demo = await startDemoStores();
  try {
    const stores = parseStoresConfig({ stores: demo.configs }, 'demo store configs');
    const pagesPerStore = demo.stores.map((s) => s.inventory.listings.length);
    process.stdout.write(
      `crawl bench: ${stores.length} demo stores in this process (${pagesPerStore.join(' + ')} product pages), ` +
        `fresh ${driver} database per run, matching and search sync included\n`,
    );

    const unlimited = await crawlAll(demo, stores, driver, { unlimited: true });
    report('unlimited (per-host rate limits lifted, concurrency kept)', unlimited);

    // The slowest store sets the polite crawl's length: pages / allowed rate.
    const estimate = Math.max(
      ...demo.stores.map((s, i) => pagesPerStore[i] / politeRate(stores[i], s.profile.crawlDelay)),
    );
    const capped = estimate > POLITE_BUDGET_S;
    if (capped) {
      process.stdout.write(
        `  polite crawl of every page would take ~${estimate.toFixed(0)} s (over ${POLITE_BUDGET_S} s): ` +
          `capped at ${cap} product pages per store (--limit N to change)\n`,
      );
    }
    const polite = await crawlAll(demo, stores, driver, { unlimited: false, capPerStore: capped ? cap : undefined });
    report(capped ? `polite (capped at ${cap} pages per store; pages in flight at the cap still finish)` : 'polite', polite);

    const maxRssMb = (process.resourceUsage().maxRSS * 1024) / MB;
    const peak = Math.max(unlimited.peakRssMb, polite.peakRssMb, maxRssMb);
    process.stdout.write(`  process maxRSS ${maxRssMb.toFixed(0)} MB (includes the demo stores and, with pglite, the database)\n`);
    process.stdout.write(
      `crawl throughput: ${(unlimited.pages / unlimited.seconds).toFixed(1)} pages/s unlimited, ` +
        `${(polite.pages / polite.seconds).toFixed(1)} pages/s polite; peak RSS ${peak.toFixed(0)} MB\n`,
    );
    return 0;
  } finally {
    await demo.close();
  }
}
