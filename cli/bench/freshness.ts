// Freshness: how long after the demo market changes a followed product's price the site's product
// page shows the new price, in the default configuration — what `tulna start` runs: every demo
// store with its own config (cron every 5 minutes, its politeness), the crawl scheduler, the revisit
// loop (every 20 s, the default policy), matching and search after each batch, and the built site
// served over HTTP — in a temporary data folder.
//
// Nothing is scaled: schedules, revisit ticks, intervals and politeness run in real time. The one
// thing moved is the demo market's clock: it holds still, and instead of waiting up to 10 minutes
// for its next tick the bench jumps it to that tick at a moment of its choosing (a random phase
// against the crawl and revisit timers), with products followed beforehand. That moment is the price change; the
// figure is the time from it until GET /p/<id> shows the new price of that store's offer.
import { sql } from 'drizzle-orm';
import { parseStoresConfig, type StoreConfig } from '../../crawlers/config/store-config.ts';
import { BrowserPool } from '../../crawlers/browser/pool.ts';
import { quoteAt, startDemoStores, tickAt, type RunningDemoStore } from '../../crawlers/demo/index.ts';
import { startRevisitLoop } from '../../crawlers/freshness/revisit.ts';
import { createCrawlPipeline } from '../../crawlers/run/pipeline.ts';
import { startScheduler } from '../../crawlers/schedule/scheduler.ts';
import { queryRows, setSharedDatabase, type Database, type DriverName } from '../../db/client.ts';
import { confirmFollow, createPendingFollow } from '../../db/queries/alerts/follows.ts';
import { getSharedSearchEngine } from '../../search/index.ts';
import { ensureSiteBuilt } from '../site-build.ts';
import { startSiteServer } from '../site-server.ts';
import { openTempDatabase } from './temp-database.ts';
import { seededRandom } from './seeded-random.ts';

const GOAL_SECONDS = 300;
const DEFAULT_ROUNDS = 3;
/** A follow is in force this long before the price moves (its listing is in its followed rhythm by then). */
const FOLLOWED_BEFORE_MS = 80_000;
/** Plus a random wait up to this, so the move falls at any phase of the crawl and revisit timers. */
const RANDOM_PHASE_MS = 60_000;
/** A change not shown after this long is recorded as missed. */
const GIVE_UP_MS = 10 * 60_000;
const POLL_MS = 500;

interface Sample {
  round: number;
  storeId: string;
  revisited: boolean;
  listingId: number;
  productId: number;
  title: string;
  before: string;
  after: string;
  currency: string;
  shownAfterS: number | null;
  confirmedAfterS: number | null;
}

function parseDriver(flag: unknown): DriverName {
  if (flag === undefined) return 'pglite';
  if (flag === 'pglite' || flag === 'postgres') return flag;
  throw new Error(`--driver must be "pglite" or "postgres", found "${String(flag)}"`);
}

function parseRounds(flag: unknown): number {
  if (flag === undefined) return DEFAULT_ROUNDS;
  const rounds = Number.parseInt(String(flag), 10);
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 50) throw new Error(`--limit must be the number of market moves, 1 to 50, found "${String(flag)}"`);
  return rounds;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));


/** The product page's price of one offer, as the site writes it (Intl en-GB, as src/lib/format.ts formatPrice). */
function sitePrice(amount: string, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amount as unknown as number);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

function figures(values: (number | null)[]) {
  const missed = values.filter((v) => v === null).length;
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  return { count: values.length, missed, median: percentile(sorted, 50), p95: percentile(sorted, 95), max: missed > 0 ? Infinity : (sorted.at(-1) ?? NaN) };
}

const fmt = (s: number) => (Number.isFinite(s) ? `${s.toFixed(1)} s` : s === Infinity ? 'missed' : '—');

export async function runBench(_args: string[], flags: Record<string, unknown>): Promise<number> {
  const driver = parseDriver(flags.driver);
  const rounds = parseRounds(flags.limit);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const startedMs = Date.now();
  await ensureSiteBuilt();
  const handle = await openTempDatabase(driver);
  // The market holds still between moves, so no tick of its own slips in while a round waits.
  let demoMs = Date.now();
  const demo = await startDemoStores({ clock: () => demoMs });
  const cleanups: (() => Promise<unknown>)[] = [() => handle.close(), () => demo.close()];
  try {
    const stores: StoreConfig[] = parseStoresConfig({ stores: demo.configs }, 'demo store configs');
    setSharedDatabase(handle);
    const search = getSharedSearchEngine(handle.db);
    cleanups.push(() => search.close());
    const site = await startSiteServer({ host: '127.0.0.1', port: 0 });
    cleanups.push(() => site.close());
    // What `tulna start` runs, in the same order (cli/commands/start.ts).
    const browser = new BrowserPool();
    cleanups.push(() => browser.close());
    const pipeline = createCrawlPipeline({ db: handle.db, stores, search, browser });
    cleanups.push(() => pipeline.close());
    const stopCrawls = new AbortController();
    const scheduler = startScheduler({ stores, crawl: (store, trigger) => pipeline.crawl(store, { trigger, signal: stopCrawls.signal }) });
    cleanups.push(() => (stopCrawls.abort(), scheduler.stop()));
    const revisits = await startRevisitLoop({ db: handle.db, stores, fetcher: pipeline.fetcher, browser, hooks: pipeline.hooks });
    cleanups.push(() => revisits.stop());
    log(`freshness bench: ${stores.length} demo stores, ${driver} database, site at ${site.url}; ${rounds} market moves`);

    // The first crawl of every store (the browser store's included) before anything is followed.
    for (;;) {
      const done = await queryRows<{ store_id: string; status: string }>(
        handle.db,
        sql`SELECT DISTINCT ON (store_id) store_id, status FROM crawl_runs WHERE trigger <> 'revisit' AND status <> 'running' ORDER BY store_id, started_at DESC`,
      );
      log(`  first crawls: ${done.length}/${stores.length} stores done (${Math.round((Date.now() - startedMs) / 1000)} s)`);
      if (done.length >= stores.length) break;
      if (Date.now() - startedMs > 20 * 60_000) throw new Error(`the first crawls did not finish within 20 minutes (${done.length}/${stores.length})`);
      await sleep(10_000);
    }

    const pick = seededRandom(14);
    const samples: Sample[] = [];
    for (let round = 1; round <= rounds; round++) {
      const tick = tickAt(demoMs, demo.marketTickMs);
      const listings = await queryRows<{ id: string | number; store_id: string; url: string; product_id: string | number; price: string; currency: string; title: string }>(
        handle.db,
        sql`SELECT id, store_id, url, product_id, price::text AS price, trim(currency) AS currency, title FROM listings
             WHERE status = 'active' AND product_id IS NOT NULL AND price IS NOT NULL AND condition = 'new'`,
      );
      const byUrl = new Map(listings.map((l) => [l.url, l]));
      // Whether the revisit loop revisits a store, as it says (a script-rendered store is found out by its crawl).
      const plans = await queryRows<{ store_id: string; revisited: boolean }>(handle.db, sql`SELECT store_id, revisited FROM store_revisits`);
      const revisitedIds = new Set(plans.filter((p) => p.revisited).map((p) => p.store_id));
      // One listing per store whose price moves at the next tick and whose stored price is today's.
      const chosen: Sample[] = [];
      for (const running of demo.stores) {
        const candidates = candidatesOf(running, demo.seed, tick, byUrl);
        if (candidates.length === 0) continue;
        const c = candidates[Math.floor(pick() * candidates.length)];
        chosen.push({ round, storeId: running.profile.id, revisited: revisitedIds.has(running.profile.id), ...c, shownAfterS: null, confirmedAfterS: null });
      }
      for (const sample of chosen) {
        const { follow } = await createPendingFollow(
          handle.db,
          { email: `bench-${round}-${sample.listingId}@bench.example`, productId: sample.productId, kind: 'drop', currency: sample.currency, minDropPercent: 1 },
          () => ({ subject: 'Confirm', text: 'Confirm' }),
        );
        await confirmFollow(handle.db, follow.id);
      }
      const waitMs = FOLLOWED_BEFORE_MS + Math.floor(pick() * RANDOM_PHASE_MS);
      log(`round ${round}/${rounds}: followed ${chosen.length} products (one per store); the market moves in ${(waitMs / 1000).toFixed(0)} s`);
      await sleep(waitMs);

      // The price change: the demo market jumps to its next tick now.
      const movedAtMs = Date.now();
      demoMs = (tick + 1) * demo.marketTickMs;
      // Each change watched on its own: the product page over HTTP, and the reading's confirmation.
      // "Shown" is when the first answer showing the new price arrived (its render time included).
      await Promise.all(
        chosen.map(async (sample) => {
          while (Date.now() - movedAtMs < GIVE_UP_MS && (sample.shownAfterS === null || sample.confirmedAfterS === null)) {
            if (sample.shownAfterS === null && (await pageShows(site.url, sample))) sample.shownAfterS = (Date.now() - movedAtMs) / 1000;
            if (sample.confirmedAfterS === null && (await confirmed(handle.db, sample))) sample.confirmedAfterS = (Date.now() - movedAtMs) / 1000;
            await sleep(POLL_MS);
          }
          log(
            `  ${sample.storeId.padEnd(18)} ${sample.revisited ? 'revisited' : 'cron only'}  ${sitePrice(sample.before, sample.currency)} → ${sitePrice(sample.after, sample.currency)}` +
              `  shown after ${fmt(sample.shownAfterS ?? Infinity)}, confirmed after ${fmt(sample.confirmedAfterS ?? Infinity)}` +
              (sample.shownAfterS === null ? `  (${await whyNotShown(handle.db, sample)})` : ''),
          );
        }),
      );
      samples.push(...chosen);
    }

    const all = figures(samples.map((s) => s.shownAfterS));
    const revisited = figures(samples.filter((s) => s.revisited).map((s) => s.shownAfterS));
    const cronOnly = figures(samples.filter((s) => !s.revisited).map((s) => s.shownAfterS));
    const confirmedAll = figures(samples.map((s) => s.confirmedAfterS));
    const met = all.missed === 0 && all.max < GOAL_SECONDS;
    if (flags.json) {
      process.stdout.write(JSON.stringify({ goalSeconds: GOAL_SECONDS, driver, rounds, all, revisited, cronOnly, confirmed: confirmedAll, samples }) + '\n');
    } else {
      const row = (label: string, f: ReturnType<typeof figures>) =>
        `  ${label.padEnd(34)} ${String(f.count).padStart(3)} changes  median ${fmt(f.median).padStart(8)}  p95 ${fmt(f.p95).padStart(8)}  max ${fmt(f.max).padStart(8)}\n`;
      process.stdout.write(`freshness: time from a demo market price change on a followed product to its product page showing it\n`);
      process.stdout.write(row('all stores', all));
      process.stdout.write(row('revisited stores (product pages)', revisited));
      process.stdout.write(row('cron only (feeds, APIs)', cronOnly));
      process.stdout.write(row('confirmed (second reading), all', confirmedAll));
      process.stdout.write(
        `freshness summary: median ${fmt(all.median)}, p95 ${fmt(all.p95)}, max ${fmt(all.max)} over ${all.count} changes against the ${GOAL_SECONDS} s goal: ${met ? 'met' : 'missed'}` +
          ` (revisited stores: max ${fmt(revisited.max)}; ${Math.round((Date.now() - startedMs) / 1000)} s in all)\n`,
      );
    }
    return 0;
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  }
}

/** A store's listings whose price moves at the next tick, stock kept, and whose stored price is the current one. */
function candidatesOf(
  running: RunningDemoStore,
  seed: number,
  tick: number,
  byUrl: Map<string, { id: string | number; product_id: string | number; price: string; currency: string; title: string }>,
): Pick<Sample, 'listingId' | 'productId' | 'title' | 'before' | 'after' | 'currency'>[] {
  const found: Pick<Sample, 'listingId' | 'productId' | 'title' | 'before' | 'after' | 'currency'>[] = [];
  for (const listing of running.inventory.listings) {
    const stored = byUrl.get(`${running.baseUrl}${listing.path}`);
    if (!stored) continue;
    const now = quoteAt(seed, running.profile.market, listing.product, tick);
    const next = quoteAt(seed, running.profile.market, listing.product, tick + 1);
    if (now.priceMinor === next.priceMinor || now.stock === 'out_of_stock' || next.stock === 'out_of_stock') continue;
    if (Number(stored.price) * 100 !== now.priceMinor) continue;
    found.push({
      listingId: Number(stored.id),
      productId: Number(stored.product_id),
      title: stored.title,
      before: (now.priceMinor / 100).toFixed(2),
      after: (next.priceMinor / 100).toFixed(2),
      currency: stored.currency,
    });
  }
  return found;
}

/** Whether the product page's offer of this listing shows the new price. */
async function pageShows(siteUrl: string, sample: Sample): Promise<boolean> {
  let html: string;
  try {
    const response = await fetch(`${siteUrl}/p/${sample.productId}`, { signal: AbortSignal.timeout(10_000) });
    // Astro's scoping attributes aside.
    html = (await response.text()).replace(/ data-astro-cid-\w+/g, '');
  } catch (error) {
    // A request that failed shows nothing yet: the next poll asks again (the give-up time still counts).
    process.stderr.write(`  GET /p/${sample.productId} failed (${(error as Error).message}); asking again\n`);
    return false;
  }
  const offer = html.split(`data-listing="${sample.listingId}"`)[1]?.split('</li>')[0] ?? '';
  return offer.includes(`<dt>Price</dt><dd>${sitePrice(sample.after, sample.currency)}</dd>`);
}

/** What the database holds for a change never shown: the listing as stored, and the store's runs since. */
async function whyNotShown(db: Database, sample: Sample): Promise<string> {
  const [listing] = await queryRows<{ price: string | null; status: string; last_checked_at: Date | string }>(
    db,
    sql`SELECT price::text AS price, status, last_checked_at FROM listings WHERE id = ${sample.listingId}`,
  );
  const runs = await queryRows<{ trigger: string; status: string; pages: number; errors: number; message: string | null }>(
    db,
    sql`SELECT trigger, status, pages, errors, message FROM crawl_runs WHERE store_id = ${sample.storeId} ORDER BY started_at DESC LIMIT 3`,
  );
  const checked = listing ? new Date(listing.last_checked_at).toISOString().slice(11, 19) : '?';
  return (
    `stored: ${listing ? `${listing.price} (${listing.status}), checked ${checked} UTC` : 'no listing'}; ` +
    `latest runs: ${runs.map((r) => `${r.trigger} ${r.status} ${r.pages} pages ${r.errors} errors${r.message ? ` "${r.message.slice(0, 80)}"` : ''}`).join('; ')}`
  );
}

async function confirmed(db: Database, sample: Sample): Promise<boolean> {
  const [row] = await queryRows<{ confirmed: boolean; price: string | null }>(
    db,
    sql`SELECT confirmed, price::text AS price FROM price_observations WHERE listing_id = ${sample.listingId} ORDER BY observed_at DESC, id DESC LIMIT 1`,
  );
  return row !== undefined && row.confirmed && Number(row.price) === Number(sample.after);
}
