// Alert evaluation after a crawl: N follows, then crawls that change C listings' prices, judged in
// crawl-sized batches as the pipeline does. Prints the time per run for several C at the same
// follows, so one sees it grow with the changed listings and not with all follows.
import { sql } from 'drizzle-orm';
import { evaluateAlerts } from '../../crawlers/alerts/evaluate.ts';
import { queryRows, type DbHandle } from '../../db/client.ts';
import { openTempDatabase, parseDrivers } from './temp-database.ts';

const BATCH = 500;

async function seed(handle: DbHandle, follows: number): Promise<void> {
  const products = 50_000;
  const listings = 2 * products;
  const { db } = handle;
  process.stderr.write(`  seeding ${products} products, ${listings} listings, ${follows} follows…\n`);
  await db.execute(sql`INSERT INTO stores (id, name, base_url, currency, source_kind)
    SELECT 's' || i, 'Store ' || i, 'https://s' || i || '.example/', 'INR', 'jsonld' FROM generate_series(1, 5) i`);
  await db.execute(sql`INSERT INTO products (id, title) SELECT i, 'Bench product ' || i FROM generate_series(1, ${products}) i`);
  await db.execute(sql`INSERT INTO listings (store_id, url, title, price, shipping_cost, currency, availability, product_id, delivery_max_days)
    SELECT 's' || (1 + i % 5), 'https://s.example/p/' || i, 'Bench ' || i, 1000 + (i % 500), (i % 2) * 49, 'INR', 'in_stock', 1 + (i % ${products}), 2 + i % 5
      FROM generate_series(1, ${listings}) i`);
  await db.execute(sql`INSERT INTO price_observations (listing_id, observed_at, price, shipping_cost, currency, availability, confirmed)
    SELECT id, now() - interval '10 days', price, shipping_cost, currency, availability, true FROM listings`);
  await db.execute(sql`INSERT INTO followers (email, token_salt) SELECT 'f' || i || '@bench.example', md5(i::text) FROM generate_series(1, ${follows}) i`);
  await db.execute(sql`INSERT INTO follows (follower_id, product_id, kind, target_price, min_drop_percent, currency, confirm_salt, confirmed_at, armed)
    SELECT i, 1 + (i * 7919) % ${products},
           (ARRAY['target', 'drop', 'restock'])[1 + i % 3],
           CASE WHEN i % 3 = 0 THEN 850 + i % 200 END, CASE WHEN i % 3 = 1 THEN 5 END,
           'INR', md5(i::text), now(), i % 3 <> 2
      FROM generate_series(1, ${follows}) i`);
  await db.execute(sql`ANALYZE`);
}

/** A crawl that changes `count` listings' prices (−12 %, confirmed readings), spread over the catalogue. */
async function changePrices(handle: DbHandle, count: number, round: number): Promise<number[]> {
  const rows = await queryRows<{ id: string | number }>(
    handle.db,
    sql`WITH picked AS (SELECT id FROM listings ORDER BY md5(id::text || ${String(round)}) LIMIT ${count}),
         changed AS (UPDATE listings l SET price = round(l.price * 0.88), updated_at = now() FROM picked WHERE l.id = picked.id RETURNING l.id, l.price, l.shipping_cost, l.currency, l.availability)
         INSERT INTO price_observations (listing_id, observed_at, price, shipping_cost, currency, availability, confirmed)
         SELECT id, now(), price, shipping_cost, currency, availability, true FROM changed RETURNING listing_id AS id`,
  );
  return rows.map((row) => Number(row.id));
}

export async function runBench(args: string[], flags: Record<string, unknown>): Promise<number> {
  const follows = Number.parseInt(String(flags.limit ?? args[0] ?? '100000'), 10);
  const lines: string[] = [];
  for (const driver of parseDrivers(flags.driver ?? 'postgres')) {
    const handle = await openTempDatabase(driver);
    try {
      process.stdout.write(`alert evaluation on ${driver} (${handle.location}), ${follows} follows, batches of ${BATCH}:\n`);
      await seed(handle, follows);
      for (const [round, changed] of [1_000, 10_000, 10_000].entries()) {
        const ids = await changePrices(handle, changed, round);
        const started = performance.now();
        let judged = 0;
        let announced = 0;
        for (let from = 0; from < ids.length; from += BATCH) {
          const summary = await evaluateAlerts(handle.db, ids.slice(from, from + BATCH));
          judged += summary.follows;
          announced += summary.announced;
          process.stderr.write(`\r  ${Math.min(from + BATCH, ids.length)}/${ids.length} changed listings judged`);
        }
        const seconds = (performance.now() - started) / 1000;
        process.stderr.write('\r\x1b[K');
        const line = `${changed} changed listings: ${seconds.toFixed(2)} s (${judged} follows judged, ${announced} announced)`;
        process.stdout.write(`  ${line}\n`);
        lines.push(`${driver} ${line}`);
      }
    } finally {
      await handle.close();
    }
  }
  process.stdout.write(`alert evaluation: ${lines.join('; ')}\n`);
  return 0;
}
