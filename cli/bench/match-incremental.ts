// The per-batch cost of incremental matching: a task's listings go into a throw-away database, all
// but a few batches are matched by a rebuild (the existing catalogue), then each batch is matched
// as a crawl would after storing it. Prints time, CPU and listings loaded per batch, and how the
// batches' pairs score against the gold pairs.
import type { DriverName } from '../../db/client.ts';
import { listings, stores } from '../../db/schema.ts';
import { clusterListings } from '../../crawlers/match/matcher.ts';
import { matchListings, rebuildMatches } from '../../crawlers/match/run-matching.ts';
import type { MatchListing } from '../../crawlers/match/types.ts';
import { openTempDatabase } from './temp-database.ts';

export interface IncrementalBenchOptions {
  driver: DriverName;
  /** Existing listings to match against (default: all but the batches). */
  existing?: number;
  /** Listings per batch (default 25) and batches to time (default 4). */
  batchSize?: number;
  batches?: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

export async function runIncrementalBench(
  all: readonly MatchListing[],
  gold: ReadonlySet<string>,
  options: IncrementalBenchOptions,
): Promise<void> {
  const batchSize = options.batchSize ?? 25;
  const batches = options.batches ?? 4;
  // Batches are spread over the left store, the rest is the catalogue they arrive into.
  const left = all.filter((l) => l.store === 'left');
  const step = Math.max(1, Math.floor(left.length / (batchSize * batches)));
  const held = new Set(left.filter((_, i) => i % step === 0).slice(0, batchSize * batches).map((l) => l.id));
  const rest = all.filter((l) => !held.has(l.id)).slice(0, options.existing ?? Infinity);
  const handle = await openTempDatabase(options.driver);
  try {
    const { db } = handle;
    await db.insert(stores).values(
      ['left', 'right'].map((id) => ({ id, name: id, baseUrl: `https://${id}.example`, currency: 'USD', sourceKind: 'jsonld' })),
    );
    const dbId = new Map<number, string>();
    const insert = async (rows: readonly MatchListing[]) => {
      const ids: number[] = [];
      for (let i = 0; i < rows.length; i += 1000) {
        const part = rows.slice(i, i + 1000);
        const created = await db
          .insert(listings)
          .values(
            part.map((l) => ({
              storeId: l.store,
              url: `https://${l.store}.example/${encodeURIComponent(l.id)}`,
              title: l.title,
              brand: l.brand ?? null,
              mpn: l.model ?? null,
              price: l.price ? l.price.toFixed(2) : null,
              currency: 'USD',
            })),
          )
          .returning({ id: listings.id });
        created.forEach((c, k) => {
          ids.push(c.id);
          dbId.set(c.id, part[k].id);
        });
      }
      return ids;
    };
    await insert(rest);
    let t = performance.now();
    const rebuilt = await rebuildMatches(db);
    process.stdout.write(`incremental (${options.driver}): rebuild of ${rebuilt.listingsMatched} existing listings in ${seconds(performance.now() - t)}\n`);

    const heldRows = all.filter((l) => held.has(l.id));
    for (let b = 0; b < batches; b += 1) {
      const ids = await insert(heldRows.slice(b * batchSize, (b + 1) * batchSize));
      const cpu = process.cpuUsage();
      t = performance.now();
      const s = await matchListings(db, { listingIds: ids });
      const used = process.cpuUsage(cpu);
      process.stdout.write(
        `  batch ${b + 1}: ${ids.length} listings against ${rest.length + b * batchSize}: ${seconds(performance.now() - t)} ` +
          `(CPU ${seconds((used.user + used.system) / 1000)}), ${s.listingsConsidered} listings loaded, ${s.listingsLinked} linked\n`,
      );
    }

    // Pairs of the batches' listings as matched, against the gold pairs that involve them.
    const rows = await db.select({ id: listings.id, productId: listings.productId }).from(listings);
    const byProduct = new Map<number, string[]>();
    for (const r of rows) if (r.productId !== null) (byProduct.get(r.productId) ?? byProduct.set(r.productId, []).get(r.productId)!).push(dbId.get(r.id)!);
    const predicted = new Set<string>();
    for (const ids of byProduct.values()) {
      for (const l of ids.filter((id) => held.has(id))) for (const r of ids.filter((id) => id.startsWith('right:'))) predicted.add(`${l}|${r}`);
    }
    // Only pairs whose partner is in this database can be found (--listings may leave partners out).
    const inDatabase = new Set(rest.map((l) => l.id));
    const findable = (p: string) => held.has(p.split('|')[0]) && inDatabase.has(p.split('|')[1]);
    const relevant = [...gold].filter(findable);
    const report = (what: string, pairs: readonly string[]) => {
      const correct = pairs.filter((p) => gold.has(p)).length;
      process.stdout.write(
        `  ${what}: ${pairs.length} predicted, ${correct} correct of ${relevant.length} gold ` +
          `(precision ${(pairs.length ? correct / pairs.length : 0).toFixed(3)}, recall ${(relevant.length ? correct / relevant.length : 0).toFixed(3)})\n`,
      );
    };
    report('batch pairs, incremental', [...predicted]);
    // The same listings (catalogue and batches) matched in one in-memory run, for comparison.
    const together = clusterListings([...rest, ...heldRows]).clusters.map((c) => c.listings.map((m) => m.listingId));
    const fullRun = together.flatMap((ids) => ids.filter((id) => held.has(id)).flatMap((l) => ids.filter((id) => id.startsWith('right:')).map((r) => `${l}|${r}`)));
    report('same listings, one in-memory run', fullRun);
  } finally {
    await handle.close();
  }
}
