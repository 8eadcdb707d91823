// `tulna bench match <task-dir>`: runs the matching core on a two-store task (left.csv, right.csv,
// matches.csv) and scores pairwise precision / recall / F1 over all left × right pairs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseCsvRecords } from '../../crawlers/match/csv.ts';
import { clusterListings } from '../../crawlers/match/matcher.ts';
import { compactCode } from '../../crawlers/match/model-codes.ts';
import { buildProfiles } from '../../crawlers/match/profile.ts';
import { scorePair } from '../../crawlers/match/score.ts';
import type { MatchListing } from '../../crawlers/match/types.ts';
import { runIncrementalBench } from './match-incremental.ts';
import { parseDrivers } from './temp-database.ts';

function readCsv(dir: string, name: string): Array<Record<string, string>> {
  const path = join(dir, name);
  try {
    return parseCsvRecords(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`Could not read the matching task file ${path}: ${(error as Error).message}`, { cause: error });
  }
}

function toListing(row: Record<string, string>, store: 'left' | 'right'): MatchListing {
  const price = row.price ? Number(row.price) : null;
  return {
    id: `${store}:${row.id}`,
    store,
    title: row.title ?? '',
    brand: row.brand || null,
    model: row.model || null,
    price: price && Number.isFinite(price) ? price : null,
  };
}

const ratio = (x: number) => x.toFixed(3);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export async function runBench(args: string[], flags: Record<string, unknown>): Promise<number> {
  const [dir] = args;
  if (!dir) {
    process.stderr.write('Usage: tulna bench match <task-dir> [--limit <errors to list>] [--json] [--driver postgres|pglite [--listings <existing>]]\n');
    return 2;
  }
  const shown = flags.limit === undefined ? 10 : Number(flags.limit);
  const started = performance.now();
  let peakRss = process.memoryUsage().rss;
  const sample = () => (peakRss = Math.max(peakRss, process.memoryUsage().rss));

  const left = readCsv(dir, 'left.csv').map((r) => toListing(r, 'left'));
  const right = readCsv(dir, 'right.csv').map((r) => toListing(r, 'right'));
  const gold = new Set(readCsv(dir, 'matches.csv').map((r) => `left:${r.left_id}|right:${r.right_id}`));
  const listings = [...left, ...right];
  const listingsById = new Map(listings.map((l) => [l.id, l]));
  process.stdout.write(`task ${dir}: ${left.length} left × ${right.length} right listings, ${gold.size} gold pairs\n`);

  const loaded = performance.now();
  const phaseStart = new Map<string, number>();
  const { clusters } = clusterListings(listings, {
    onProgress(phase, done, total) {
      sample();
      if (done === 0) phaseStart.set(phase, performance.now());
      else process.stdout.write(`  ${phase}: ${total} in ${((performance.now() - phaseStart.get(phase)!) / 1000).toFixed(2)} s\n`);
    },
  });
  const matched = performance.now();
  sample();

  const predicted = new Set<string>();
  for (const c of clusters) {
    const ids = c.listings.map((l) => l.listingId);
    for (const l of ids.filter((id) => id.startsWith('left:'))) {
      for (const r of ids.filter((id) => id.startsWith('right:'))) predicted.add(`${l}|${r}`);
    }
  }
  let truePositives = 0;
  for (const p of predicted) if (gold.has(p)) truePositives += 1;
  const precision = predicted.size ? truePositives / predicted.size : 0;
  const recall = gold.size ? truePositives / gold.size : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;

  if (shown > 0) {
    const { profiles } = buildProfiles(listings);
    const index = new Map(listings.map((l, i) => [l.id, i]));
    const describe = (pair: string) => {
      const [a, b] = pair.split('|').map((id) => index.get(id)!);
      const v = scorePair(profiles[a], profiles[b]);
      return `  ${v.score.toFixed(2)} ${v.method}${v.veto ? ` veto:${v.veto}` : ''}\n    L ${listings[a].title} [${listings[a].brand ?? ''}|${listings[a].model ?? ''}|${listings[a].price ?? ''}]\n    R ${listings[b].title} [${listings[b].brand ?? ''}|${listings[b].model ?? ''}|${listings[b].price ?? ''}]\n`;
    };
    const falsePositives = [...predicted].filter((p) => !gold.has(p));
    const falseNegatives = [...gold].filter((p) => !predicted.has(p));
    process.stdout.write(`false positives (${falsePositives.length}), first ${shown}:\n`);
    for (const p of falsePositives.slice(0, shown)) process.stdout.write(describe(p));
    process.stdout.write(`false negatives (${falseNegatives.length}), first ${shown}:\n`);
    for (const p of falseNegatives.slice(0, shown)) process.stdout.write(describe(p));
  }

  // Pairs the gold calls wrong although both stores give the same model number: most are gaps in the gold.
  const modelKey = (id: string) => compactCode(listingsById.get(id)?.model ?? '');
  const sameModel = [...predicted].filter((p) => {
    if (gold.has(p)) return false;
    const [l, r] = p.split('|');
    return modelKey(l).length >= 4 && modelKey(l) === modelKey(r);
  }).length;
  process.stdout.write(`false positives whose two model fields are identical: ${sameModel} of ${predicted.size - truePositives}\n`);

  const maxRss = process.resourceUsage().maxRSS * 1024;
  const summary = { task: dir, listings: listings.length, clusters: clusters.length, predicted: predicted.size, truePositives, precision, recall, f1 };
  process.stdout.write(
    `load ${((loaded - started) / 1000).toFixed(2)} s, match ${((matched - loaded) / 1000).toFixed(2)} s, ` +
      `peak RSS ${mb(Math.max(peakRss, maxRss))}; ${clusters.length} products, ${predicted.size} predicted pairs, ${truePositives} correct\n`,
  );
  if (flags.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  // With --driver: the per-batch cost of incremental matching in a database (--listings: existing listings).
  if (flags.driver !== undefined) {
    const existing = flags.listings === undefined ? undefined : Number(flags.listings);
    for (const driver of parseDrivers(flags.driver)) await runIncrementalBench(listings, gold, { driver, existing });
  }
  process.stdout.write(`F1: ${ratio(f1)} precision: ${ratio(precision)} recall: ${ratio(recall)}\n`);
  return 0;
}
