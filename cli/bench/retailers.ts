// The retailer dashboard at catalogue scale: one claimed store with N listings (default 50,000)
// against 10 competitors listing the same N products. Times the positions' refresh (whole store,
// then a 1,000-product crawl batch), the dashboard's first screen (page, counts, price index and
// its history, as the page asks for them) over 30 runs per filter and sort, and the full CSV export
// with the process's memory while it streams. Goals: a first screen under 300 ms (p95), an export
// under 5 s with memory flat.
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type DbHandle } from '../../db/client.ts';
import { getDashboardPage, iterateDashboardRows, type DashboardPageOptions } from '../../db/queries/retailers/dashboard.ts';
import { dashboardCsvLine } from '../../db/queries/retailers/dashboard-csv.ts';
import { refreshPositions, refreshStorePositions } from '../../db/queries/retailers/positions.ts';
import { getPriceIndex, getPriceIndexHistory, recordPriceIndex } from '../../db/queries/retailers/price-index.ts';
import { openTempDatabase, parseDrivers } from './temp-database.ts';

const COMPETITORS = 10;
const CATEGORIES = 20;
const RUNS = 30;
const BATCH_PRODUCTS = 1_000;
const STORE = 'own';

/** A deterministic number in [0, 1) from an integer expression (the same seed gives the same catalogue). */
const unit = (expr: string) => `((hashint8((${expr})::bigint) & 65535) / 65536.0)`;

async function seed(db: Database, n: number): Promise<void> {
  const step = async (what: string, query: ReturnType<typeof sql>) => {
    const started = performance.now();
    process.stderr.write(`  ${what}…`);
    await db.execute(query);
    process.stderr.write(` ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  };
  await step(`stores: ${STORE} and ${COMPETITORS} competitors`, sql`INSERT INTO stores (id, name, base_url, currency, source_kind)
    SELECT 'own', 'Own Store', 'https://own.example/', 'EUR', 'jsonld'
    UNION ALL SELECT 'c' || s, 'Competitor ' || s, 'https://c' || s || '.example/', 'EUR', 'jsonld' FROM generate_series(1, ${COMPETITORS}) s`);
  await step(`${n} products in ${CATEGORIES} categories`, sql`INSERT INTO products (id, title, category)
    SELECT i, 'Bench product ' || i, 'Category ' || (i % ${CATEGORIES}) FROM generate_series(1, ${n}) i`);
  // Store 0 is the retailer. Each product has a base price of 5–2,000; stores spread ±15 % around
  // it, ship free, 4.99 or 9.99, promise 1–7 days; some are out of stock or unknown.
  const u = (salt: number) => sql.raw(unit(`i * 131 + s * 7919 + ${salt}`));
  await step(`${n * (COMPETITORS + 1)} listings`, sql`INSERT INTO listings
      (store_id, url, title, category, price, shipping_cost, currency, delivery_max_days, availability, product_id)
    SELECT CASE WHEN s = 0 THEN 'own' ELSE 'c' || s END, 'https://s' || s || '.example/p/' || i,
           CASE WHEN s = 0 THEN 'Own widget ' || i ELSE 'Widget ' || i || ' from ' || s END,
           CASE WHEN s = 0 AND i % 2 = 0 THEN 'Category ' || (i % ${CATEGORIES}) END,
           round((5 + ${sql.raw(unit('i'))} * 1995) * (0.85 + ${u(1)} * 0.3), 2),
           CASE WHEN ${u(2)} < 0.5 THEN 0 WHEN ${u(2)} < 0.8 THEN 4.99 ELSE 9.99 END,
           'EUR', 1 + floor(${u(3)} * 7)::int,
           CASE WHEN ${u(4)} < 0.08 THEN 'out_of_stock' WHEN ${u(4)} < 0.10 THEN 'unknown' WHEN ${u(4)} < 0.12 THEN 'limited' ELSE 'in_stock' END,
           i
      FROM generate_series(0, ${COMPETITORS}) s, generate_series(1, ${n}) i`);
  // Every listing has a reading; 3 % of the latest wait for confirmation, a third have an older one.
  await step('price observations', sql`INSERT INTO price_observations (listing_id, observed_at, price, shipping_cost, currency, availability, confirmed)
    SELECT id, now() - interval '10 days', price * 1.05, shipping_cost, currency, 'in_stock', true FROM listings WHERE id % 3 = 0
    UNION ALL
    SELECT id, now() - interval '1 day', price, shipping_cost, currency, availability, ${sql.raw(unit('id * 17'))} >= 0.03 FROM listings`);
  await step('claim', sql`WITH a AS (INSERT INTO accounts (email, password_hash) VALUES ('bench@own.example', 'x') RETURNING id)
    INSERT INTO store_claims (account_id, store_id, status, verification_token, verified_by, verified_at)
    SELECT id, 'own', 'granted', 'bench', 'admin', now() FROM a`);
  await step('analyze', sql`ANALYZE`);
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** A competitor crawl that moves the prices of `count` products' competitor listings (confirmed readings). */
async function competitorCrawl(db: Database, n: number, count: number): Promise<number[]> {
  const every = Math.max(1, Math.floor(n / count));
  const rows = await queryRows<{ id: string | number }>(
    db,
    sql`WITH changed AS (
          UPDATE listings SET price = round(price * 0.93, 2), updated_at = now()
           WHERE store_id <> 'own' AND product_id % ${every} = 0 AND product_id <= ${every * count}
          RETURNING id, product_id, price, shipping_cost, currency, availability),
        readings AS (INSERT INTO price_observations (listing_id, price, shipping_cost, currency, availability, confirmed)
          SELECT id, price, shipping_cost, currency, availability, true FROM changed)
        SELECT DISTINCT product_id AS id FROM changed`,
  );
  return rows.map((row) => Number(row.id));
}

async function countPositions(db: Database): Promise<number> {
  const [row] = await queryRows<{ n: number | string }>(db, sql`SELECT count(*) AS n FROM retailer_positions WHERE store_id = ${STORE}`);
  return Number(row.n);
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

async function exportAll(db: Database): Promise<{ ms: number; rows: number; bytes: number; line: string }> {
  const encoder = new TextEncoder();
  const before = process.memoryUsage();
  let peakRss = before.rss;
  let peakHeap = before.heapUsed;
  // With `node --expose-gc`, the heap still held after a collection at 10, 50 and 90 % of the
  // export: what a leak would grow (without it, the figures include garbage not yet collected).
  const gc = (globalThis as { gc?: () => void }).gc;
  const batches = Math.ceil((await countPositions(db)) / 1000);
  const probes = new Set([1, 5, 9].map((tenth) => Math.floor((tenth / 10) * batches)));
  const heapAt: number[] = [];
  let batchNo = 0;
  let rows = 0;
  let bytes = 0;
  const started = performance.now();
  for await (const batch of iterateDashboardRows(db, { storeIds: [STORE], sort: 'gap_desc' })) {
    // What the export route does with a batch: lines, encoded, handed to a sink that drops them.
    bytes += encoder.encode(batch.map(dashboardCsvLine).join('')).byteLength;
    rows += batch.length;
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
    if (probes.has(batchNo++)) {
      gc?.();
      heapAt.push(process.memoryUsage().heapUsed);
    }
  }
  const ms = performance.now() - started;
  const after = process.memoryUsage();
  const line =
    `CSV export: ${rows} rows, ${mb(bytes)} in ${seconds(ms)}; ` +
    `RSS ${mb(before.rss)} before, peak ${mb(peakRss)}, ${mb(after.rss)} after; ` +
    `heap ${mb(before.heapUsed)} before, peak ${mb(peakHeap)}, ${mb(after.heapUsed)} after ` +
    `(${gc ? 'after GC' : 'uncollected'} at 10/50/90 % of batches: ${heapAt.map(mb).join(', ')})`;
  return { ms, rows, bytes, line };
}

async function benchDriver(handle: DbHandle, n: number, lines: string[]): Promise<void> {
  const { db } = handle;
  await seed(db, n);

  const full = await timed(() => refreshStorePositions(db, STORE));
  const again = await timed(() => refreshStorePositions(db, STORE));
  const index = await timed(() => recordPriceIndex(db, [STORE]));
  await db.execute(sql`ANALYZE retailer_positions`);
  process.stdout.write(`  refreshStorePositions: ${full.value} positions in ${seconds(full.ms)}; again (nothing changed) ${seconds(again.ms)}\n`);
  process.stdout.write(`  recordPriceIndex: ${index.ms.toFixed(0)} ms\n`);

  const productIds = await competitorCrawl(db, n, BATCH_PRODUCTS);
  const batch = await timed(() => refreshPositions(db, productIds));
  const batchAgain = await timed(() => refreshPositions(db, productIds));
  process.stdout.write(
    `  refreshPositions(${productIds.length} products): ${batch.value.length} changed in ${batch.ms.toFixed(0)} ms; again ${batchAgain.value.length} changed in ${batchAgain.ms.toFixed(0)} ms\n`,
  );

  const screens: [string, Omit<DashboardPageOptions, 'storeIds'>][] = [
    ['all, gap desc', {}],
    ['undercut, gap desc', { filter: 'undercut' }],
    ['cheapest, title', { filter: 'cheapest', sort: 'title' }],
    ['competitor out of stock, gap asc', { filter: 'competitor_out_of_stock', sort: 'gap_asc' }],
    ['slower delivery, category', { filter: 'slower_delivery', category: 'Category 7' }],
    ['search "widget 12"', { query: 'widget 12' }],
    ['all, page 200', { page: 200 }],
  ];
  let worstP95 = 0;
  for (const [name, options] of screens) {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const { ms } = await timed(() =>
        Promise.all([
          getDashboardPage(db, { storeIds: [STORE], pageSize: 50, ...options }),
          getPriceIndex(db, [STORE]),
          getPriceIndexHistory(db, [STORE], 90),
        ]),
      );
      times.push(ms);
    }
    times.sort((a, b) => a - b);
    const [p50, p95] = [percentile(times, 50), percentile(times, 95)];
    worstP95 = Math.max(worstP95, p95);
    process.stdout.write(`  first screen, ${name}: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms\n`);
  }

  const exported = await exportAll(db);
  process.stdout.write(`  ${exported.line}\n`);
  lines.push(
    `${handle.driver}: store refresh ${seconds(full.ms)}, ${productIds.length}-product refresh ${batch.ms.toFixed(0)} ms, ` +
      `first screen p95 ≤ ${worstP95.toFixed(0)} ms (goal 300), export ${seconds(exported.ms)} (goal 5 s)`,
  );
}

export async function runBench(args: string[], flags: Record<string, unknown>): Promise<number> {
  const n = Number.parseInt(String(flags.listings ?? args[0] ?? '50000'), 10);
  if (!Number.isSafeInteger(n) || n < BATCH_PRODUCTS) throw new Error(`--listings must be a whole number of at least ${BATCH_PRODUCTS}, found "${String(flags.listings ?? args[0])}"`);
  const lines: string[] = [];
  for (const driver of parseDrivers(flags.driver ?? 'postgres')) {
    const handle = await openTempDatabase(driver);
    try {
      process.stdout.write(`retailer dashboard on ${driver} (${handle.location}): ${n} own listings, ${COMPETITORS} competitors on the same products\n`);
      await benchDriver(handle, n, lines);
    } finally {
      await handle.close();
    }
  }
  process.stdout.write(`retailers: ${lines.join('; ')}\n`);
  return 0;
}
