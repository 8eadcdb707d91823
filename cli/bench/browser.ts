// JavaScript store rendering: the demo script store's (Pixel Haat's) product pages rendered in the
// browser pool with 2 pages at once (and 1 and 4 for comparison), each read by the extractors.
// Figures: pages/s, and the peak resident memory of the whole process tree (Node and every
// Chromium process, summed from /proc every 100 ms). `--limit N` renders N pages per pool size.
import { BrowserPool } from '../../crawlers/browser/pool.ts';
import { treeRssBytes } from '../../crawlers/browser/process-tree.ts';
import { renderPage } from '../../crawlers/browser/render.ts';
import { startDemoStores } from '../../crawlers/demo/index.ts';
import { extractListing } from '../../crawlers/extract/index.ts';
import { progressLine } from '../progress.ts';

const POOL_SIZES = [2, 1, 4];

interface Round {
  pages: number;
  products: number;
  errors: Map<string, number>;
  seconds: number;
  launchSeconds: number;
  peakRssMb: number;
}

const mb = (bytes: number) => bytes / 1024 / 1024;

async function round(size: number, urls: string[], host: string): Promise<Round> {
  const pool = new BrowserPool({ maxPages: size });
  let peak = treeRssBytes();
  const sampler = setInterval(() => (peak = Math.max(peak, treeRssBytes())), 100);
  const line = progressLine();
  try {
    const render = (url: string) => renderPage(pool, { url, hostPatterns: [host], allowPrivate: true });
    // The launch is paid once per process: timed apart, not in the pages/s.
    const launchStarted = performance.now();
    await render(urls[0]);
    const launchSeconds = (performance.now() - launchStarted) / 1000;
    const errors = new Map<string, number>();
    let done = 0;
    let products = 0;
    const started = performance.now();
    await Promise.all(
      urls.map(async (url) => {
        const outcome = await render(url);
        if (outcome.kind === 'ok') {
          const read = extractListing(outcome.body, { url, fetchedAt: outcome.fetchedAt, currencyHint: 'INR', country: 'IN' });
          if (read.ok && read.listing.price) products++;
          else {
            const kind = read.ok ? 'no_price' : `extract_${read.error.code}`;
            errors.set(kind, (errors.get(kind) ?? 0) + 1);
          }
        } else {
          const kind = outcome.kind === 'error' ? outcome.error.kind : outcome.kind;
          errors.set(kind, (errors.get(kind) ?? 0) + 1);
        }
        done++;
        const seconds = (performance.now() - started) / 1000;
        line.update(`  pool of ${size}: ${done}/${urls.length} pages, ${(done / seconds).toFixed(1)} pages/s, RSS now ${mb(treeRssBytes()).toFixed(0)} MB`);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    line.done();
    return { pages: urls.length, products, errors, seconds, launchSeconds, peakRssMb: mb(peak) };
  } finally {
    clearInterval(sampler);
    await pool.close();
  }
}

export async function runBench(args: string[], flags: Record<string, unknown>): Promise<number> {
  const demo = await startDemoStores();
  try {
    const store = demo.stores.find((s) => s.profile.kind === 'browser');
    if (!store) throw new Error('bench browser: no demo store of kind "browser" (crawlers/demo/store-profiles.ts)');
    const limit = Number.parseInt(String(flags.limit ?? args[0] ?? store.inventory.listings.length), 10);
    const urls = store.inventory.listings.slice(0, limit).map((listing) => `${store.baseUrl}${listing.path}`);
    const host = new URL(store.baseUrl).host;
    process.stdout.write(`rendering ${urls.length} product pages of ${store.profile.name} (${store.baseUrl}), Node at ${mb(treeRssBytes()).toFixed(0)} MB RSS before\n`);
    const results: string[] = [];
    let failed = false;
    for (const size of POOL_SIZES) {
      const r = await round(size, urls, host);
      const errors = [...r.errors].map(([kind, n]) => `${n} ${kind}`).join(', ') || 'none';
      if (r.products !== r.pages) failed = true;
      process.stdout.write(
        `  pool of ${size}: ${r.pages} pages in ${r.seconds.toFixed(2)} s = ${(r.pages / r.seconds).toFixed(1)} pages/s, ` +
          `${r.products} products read, errors: ${errors}; peak RSS (Node + Chromium) ${r.peakRssMb.toFixed(0)} MB; launch + first page ${r.launchSeconds.toFixed(2)} s\n`,
      );
      results.push(`pool ${size}: ${(r.pages / r.seconds).toFixed(1)} pages/s, peak RSS ${r.peakRssMb.toFixed(0)} MB`);
    }
    process.stdout.write(`after closing the pools: ${mb(treeRssBytes()).toFixed(0)} MB RSS\n`);
    process.stdout.write(`browser rendering: ${results.join('; ')}\n`);
    return failed ? 1 : 0;
  } finally {
    await demo.close();
  }
}
