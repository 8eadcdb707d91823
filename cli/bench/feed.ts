// `tulna bench feed [items] [--driver postgres|pglite]`: a generated product feed of 1,000,000
// items (Google XML and Meta TSV, gzip, written on the fly by a 127.0.0.1 server in its own
// process) read (a) parse-only, through the streamed fetch and the feed readers, and (b) into a
// fresh database through crawlStore, as a real crawl does, then (c) once more, answered 304.
// Each measurement runs in a process of its own, so its peak RSS is its own; RSS is sampled
// every 100 ms. Goals: a full ingest under 2 minutes and 500 MB.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseStoresConfig, type StoreConfig } from '../../crawlers/config/store-config.ts';
import { createFetcher } from '../../crawlers/core/fetcher.ts';
import { crawlStore } from '../../crawlers/run/crawl-store.ts';
import { readMerchantFeedSource } from '../../crawlers/sources/merchant-feed/read.ts';
import type { DriverName } from '../../db/client.ts';
import { openTempDatabase, parseDrivers } from './temp-database.ts';

const GOAL_SECONDS = 120;
const GOAL_RSS_MB = 500;
const FORMATS = ['tsv', 'xml'] as const;
type Format = (typeof FORMATS)[number];
const RESULT = 'feed-bench-result ';

interface Figures {
  phase: string;
  items: number;
  seconds: number;
  peakRssMb: number;
  extra?: string;
}

/** Tracks the peak RSS of this process. */
function rssSampler(): { peakMb(): number; stop(): void } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 100);
  return { peakMb: () => Math.max(peak, process.memoryUsage().rss) / 1024 ** 2, stop: () => clearInterval(timer) };
}

/** A progress line every 5 s on stderr. */
function progressLine(label: string): (done: number) => void {
  const started = performance.now();
  let last = started;
  return (done) => {
    const now = performance.now();
    if (now - last < 5_000) return;
    last = now;
    const rss = process.memoryUsage().rss / 1024 ** 2;
    process.stderr.write(`  ${label}: ${done.toLocaleString('en')} items, ${(done / ((now - started) / 1000)).toFixed(0)} items/s, rss ${rss.toFixed(0)} MB\n`);
  };
}

function benchStore(origin: string, format: Format): StoreConfig {
  const [store] = parseStoresConfig({
    stores: [
      {
        id: `bench-feed-${format}`,
        name: `Bench feed (${format})`,
        baseUrl: 'https://bench-feed.example/',
        hostPatterns: ['bench-feed.example'],
        country: 'IN',
        currency: 'INR',
        discovery: { kind: 'merchant-feed', url: `${origin}/feed.${format}.gz` },
        politeness: { concurrency: 1, requestsPerSecond: 10, timeoutMs: 60_000, maxRetries: 0 },
      },
    ],
  });
  return store;
}

function benchFetcher(origin: string) {
  return createFetcher({
    userAgent: 'TulnaBench/0.1 (+https://github.com/tulna/tulna)',
    politeness: { concurrency: 1, requestsPerSecond: 10, timeoutMs: 60_000, maxBodyBytes: 5_000_000, maxRetries: 0, ignoreRobots: false },
    allowPrivateHosts: [new URL(origin).host],
    unlimited: true,
  });
}

/** (a) The feed read and mapped, nothing stored. */
async function parseOnly(origin: string, format: Format): Promise<Figures> {
  const fetcher = benchFetcher(origin);
  const rss = rssSampler();
  const progress = progressLine(`parse ${format}`);
  const started = performance.now();
  let readings = 0;
  let problems = 0;
  try {
    const feed = readMerchantFeedSource(fetcher, { feedUrl: `${origin}/feed.${format}.gz`, currency: 'INR', country: 'IN', now: new Date() });
    for await (const event of feed) {
      if (event.type === 'reading') progress(++readings);
      else if (event.type === 'record_error' || event.type === 'document_error') problems++;
    }
  } finally {
    await fetcher.close();
    rss.stop();
  }
  return { phase: `parse ${format}`, items: readings, seconds: (performance.now() - started) / 1000, peakRssMb: rss.peakMb(), extra: `${problems} errors` };
}

/** (b) and (c): a crawl into a fresh database, then a second crawl that the server answers 304. */
async function ingest(origin: string, format: Format, driver: DriverName, batchSize: number | undefined): Promise<Figures[]> {
  const handle = await openTempDatabase(driver);
  const store = benchStore(origin, format);
  const figures: Figures[] = [];
  try {
    for (const pass of ['ingest', 're-read (304)']) {
      const fetcher = benchFetcher(origin);
      const rss = rssSampler();
      const label = `${pass} ${format} → ${driver}${batchSize ? ` (batches of ${batchSize})` : ''}`;
      const progress = progressLine(label);
      const started = performance.now();
      try {
        const summary = await crawlStore({ db: handle.db, store, fetcher, trigger: 'bench', batchSize, onProgress: (p) => progress(p.done) });
        const { counts } = summary;
        figures.push({
          phase: label,
          items: counts.listingsSeen,
          seconds: (performance.now() - started) / 1000,
          peakRssMb: rss.peakMb(),
          extra: `${summary.status}, ${counts.listingsNew} new, ${counts.listingsUnchanged} unchanged, ${counts.errors} errors`,
        });
      } finally {
        rss.stop();
        await fetcher.close();
      }
    }
  } finally {
    await handle.close();
  }
  return figures;
}

function line(f: Figures): string {
  const rate = f.seconds > 0 ? (f.items / f.seconds).toFixed(0) : '-';
  return `  ${f.phase.padEnd(48)} ${f.items.toLocaleString('en').padStart(9)} items in ${f.seconds.toFixed(1).padStart(6)} s = ${rate.padStart(7)} items/s, peak RSS ${f.peakRssMb.toFixed(0)} MB${f.extra ? ` (${f.extra})` : ''}`;
}

/** One measurement in a process of its own: `bench feed <items> <phase>` with the origin in the environment. */
async function runPhase(phase: string): Promise<number> {
  const origin = process.env.TULNA_BENCH_FEED_ORIGIN;
  if (!origin) throw new Error('bench feed: a phase run needs TULNA_BENCH_FEED_ORIGIN (the parent sets it)');
  const [kind, format, driver, batch] = phase.split(':') as [string, Format, DriverName, string | undefined];
  const figures = kind === 'parse' ? [await parseOnly(origin, format)] : await ingest(origin, format, driver, batch ? Number(batch) : undefined);
  for (const f of figures) process.stdout.write(`${RESULT}${JSON.stringify(f)}\n`);
  return 0;
}

/** Runs `bench feed` again as a child for one phase; resolves with its figures. */
function child(items: number, phase: string, origin: string): Promise<Figures[]> {
  const bin = fileURLToPath(new URL('../../bin/tulna.mjs', import.meta.url));
  const proc = spawn(process.execPath, [bin, 'bench', 'feed', String(items), phase], {
    env: { ...process.env, TULNA_BENCH_FEED_ORIGIN: origin, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const figures: Figures[] = [];
  createInterface({ input: proc.stdout }).on('line', (text) => {
    if (text.startsWith(RESULT)) figures.push(JSON.parse(text.slice(RESULT.length)) as Figures);
  });
  return new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.on('close', (code) => (code === 0 ? resolve(figures) : reject(new Error(`bench feed phase ${phase} exited with ${code}`))));
  });
}

/** Starts the feed generator in its own process; resolves with its origin. */
function startGenerator(items: number): Promise<{ origin: string; stop(): void }> {
  const script = fileURLToPath(new URL('./feed-generator.ts', import.meta.url));
  const proc = spawn(process.execPath, ['--import', 'tsx', script, String(items)], { stdio: ['ignore', 'pipe', 'inherit'], cwd: fileURLToPath(new URL('../..', import.meta.url)) });
  return new Promise((resolve, reject) => {
    proc.on('error', reject);
    proc.on('exit', (code) => reject(new Error(`the feed generator exited with ${code} before it listened`)));
    createInterface({ input: proc.stdout }).once('line', (text) => {
      const { origin } = JSON.parse(text) as { origin: string };
      resolve({ origin, stop: () => proc.kill() });
    });
  });
}

export async function runBench(args: string[], flags: Record<string, unknown>): Promise<number> {
  const items = Number.parseInt(String(flags.limit ?? args[0] ?? '1000000'), 10);
  if (!Number.isInteger(items) || items < 1) throw new Error(`bench feed: expected a positive number of items, found ${String(flags.limit ?? args[0])}`);
  if (args[1]) return runPhase(args[1]);

  const drivers = parseDrivers(flags.driver);
  const generator = await startGenerator(items);
  const results: Figures[] = [];
  const run = async (phase: string) => {
    process.stderr.write(`${phase}…\n`);
    for (const f of await child(items, phase, generator.origin)) {
      results.push(f);
      process.stdout.write(`${line(f)}\n`);
    }
  };
  try {
    process.stdout.write(`feed benchmark: ${items.toLocaleString('en')} items per feed, gzip, from ${generator.origin}\n`);
    for (const format of FORMATS) await run(`parse:${format}`);
    for (const driver of drivers) {
      for (const format of FORMATS) await run(`ingest:${format}:${driver}`);
    }
    // The same crawl with bigger write batches than the crawler's default of 50.
    for (const driver of drivers) await run(`ingest:tsv:${driver}:1000`);
  } finally {
    generator.stop();
  }
  const ingests = results.filter((f) => f.phase.startsWith('ingest') && !f.phase.includes('batches'));
  const worst = ingests.reduce((a, b) => (b.seconds > a.seconds ? b : a), ingests[0]);
  const heaviest = results.reduce((a, b) => (b.peakRssMb > a.peakRssMb ? b : a), results[0]);
  const met = worst && worst.seconds < GOAL_SECONDS && heaviest.peakRssMb < GOAL_RSS_MB;
  process.stdout.write(
    `feed ingest: slowest ${worst ? `${worst.seconds.toFixed(1)} s (${worst.phase})` : '-'}, peak RSS ${heaviest.peakRssMb.toFixed(0)} MB (${heaviest.phase}); ` +
      `goals < ${GOAL_SECONDS} s and < ${GOAL_RSS_MB} MB: ${met ? 'met' : 'missed'}\n`,
  );
  return 0;
}
