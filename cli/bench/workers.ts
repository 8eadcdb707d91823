// Crawl throughput with 1, 2 and 4 worker processes (`tulna bench workers [counts…]`): the demo
// stores run in this process, where node:http's diagnostics channel counts every request per store
// server; each round gets a fresh database on the Postgres server, starts N `tulna worker`
// processes, sends every store's crawl through pg-boss and waits until each store's run ended.
// Printed: listings/s and pages/s, and per host the most requests in any one-second window and the
// most in flight, against the configured rate (robots.txt Crawl-delay included) and concurrency —
// the per-host budget has to hold however many workers share it. First, what that budget costs per
// request on each database.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import postgres from 'postgres';
import { parseStoresConfig, type StoreConfig } from '../../crawlers/config/store-config.ts';
import { createDatabaseHostBudget } from '../../crawlers/core/shared-host-budget.ts';
import { startDemoStores, type DemoStores } from '../../crawlers/demo/index.ts';
import { startDistributedScheduler } from '../../crawlers/schedule/distributed.ts';
import { openDatabase, type Database, type DbHandle } from '../../db/client.ts';
import { listCrawlRuns } from '../../db/queries/crawl-runs.ts';
import { progressLine } from '../progress.ts';
import { recordServerTraffic, type HostTraffic, type TrafficRecorder } from './host-traffic.ts';
import { BENCH_SERVER_URL, createServerDatabase, type ServerDatabase } from './temp-database.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEFAULT_COUNTS = [1, 2, 4];
/** A round that has not finished by then is reported as such. */
const ROUND_TIMEOUT_MS = 15 * 60_000;
/** A cron that never comes while the bench runs: only the bench's own crawls run. */
const NEVER = '0 3 1 1 *';

function parseCounts(args: string[]): number[] {
  if (args.length === 0) return DEFAULT_COUNTS;
  return args.map((arg) => {
    const n = Number(arg);
    if (!Number.isInteger(n) || n < 1 || n > 16) throw new Error(`worker counts must be whole numbers from 1 to 16, found "${arg}"`);
    return n;
  });
}

function serverWhere(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '(unparseable URL)';
  }
}

/** The server's answer, or why there is none. */
async function probeServer(url: string): Promise<string | null> {
  const sql = postgres(url, { max: 1, connect_timeout: 3, idle_timeout: 1, onnotice: () => {} });
  try {
    await sql`SELECT 1`;
    return null;
  } catch (error) {
    return `${(error as Error).message}${(error as { code?: string }).code ? ` (${(error as { code?: string }).code})` : ''}`;
  } finally {
    await sql.end({ timeout: 1 }).catch(() => {});
  }
}

/** Claim and release of one request's turn, back to back, on a quiet host: the budget's cost. */
async function budgetCost(db: Database, label: string): Promise<string> {
  const budget = createDatabaseHostBudget(db);
  const signal = new AbortController().signal;
  const turn = (host: string) => ({ host, concurrency: 4, intervalMs: 0, timeoutMs: 10_000, signal });
  const host = `bench-${randomBytes(3).toString('hex')}.example:80`;
  await (await budget.acquire(turn(host))).release(); // lease rows created, connections warm
  const n = 300;
  let started = performance.now();
  for (let i = 0; i < n; i++) await (await budget.acquire(turn(host))).release();
  const sequentialMs = (performance.now() - started) / n;
  // Eight requesters on four leases: the claims that find every lease taken back off.
  const before = budget.figures();
  started = performance.now();
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = 0; i < n / 8; i++) await (await budget.acquire(turn(host))).release();
    }),
  );
  const contendedMs = (performance.now() - started) / n;
  const after = budget.figures();
  const claimsPerTurn = (after.claims - before.claims) / (after.turns - before.turns);
  return (
    `  ${label.padEnd(9)} ${sequentialMs.toFixed(2)} ms per request alone (claim+reserve, release: 2 statements); ` +
    `${contendedMs.toFixed(2)} ms per request with 8 requesters on 4 leases, ${claimsPerTurn.toFixed(2)} claims per turn\n`
  );
}

interface WorkerProcess {
  child: ChildProcess;
  stderrTail(): string;
  exited: Promise<number | string>;
}

function startWorker(env: Record<string, string>): WorkerProcess {
  const { TYPESENSE_URL, TYPESENSE_API_KEY, TULNA_DATA_DIR, ...inherited } = process.env;
  const child = spawn(process.execPath, ['bin/tulna.mjs', 'worker'], {
    cwd: ROOT,
    env: { ...inherited, TULNA_LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (err = (err + chunk).slice(-4_000)));
  const exited = new Promise<number | string>((resolve) => child.once('exit', (code, signal) => resolve(code ?? signal ?? -1)));
  return { child, stderrTail: () => err, exited };
}

/** Resolves when the worker says it takes jobs; rejects when it exits or takes too long. */
function workerReady(worker: WorkerProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`a worker did not start within 60 s; its stderr ends:\n${worker.stderrTail()}`)), 60_000);
    worker.child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (out.includes('is taking crawl jobs')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void worker.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`a worker exited (${code}) before taking jobs; its stderr ends:\n${worker.stderrTail()}`));
    });
  });
}

async function stopWorker(worker: WorkerProcess): Promise<void> {
  if (worker.child.exitCode !== null || worker.child.signalCode !== null) return;
  worker.child.kill('SIGTERM');
  const timer = setTimeout(() => worker.child.kill('SIGKILL'), 40_000);
  await worker.exited;
  clearTimeout(timer);
}

interface HostRow {
  store: StoreConfig;
  traffic: HostTraffic;
  allowedPerSecond: number;
  crawlDelay: number | null;
}

interface RoundResult {
  workers: number;
  seconds: number;
  pages: number;
  listings: number;
  errors: number;
  unfinished: string[];
  /** Pages read by revisits (crawlers/freshness) in the same workers meanwhile: same hosts, same budget. */
  revisitPages: number;
  /** This process's event-loop delay, ms (p99, max): how late the servers here may have stamped arrivals. */
  loopDelayMs: { p99: number; max: number };
  statuses: Record<string, string>;
  hosts: HostRow[];
}

/** The rate a host really allows: the configured one, or robots.txt's Crawl-delay when slower. */
function allowedRate(store: StoreConfig, crawlDelayS: number | null): number {
  const configured = store.politeness.requestsPerSecond;
  return crawlDelayS ? Math.min(configured, 1 / crawlDelayS) : configured;
}

async function runRound(
  demo: DemoStores,
  stores: StoreConfig[],
  storesFile: string,
  traffic: TrafficRecorder,
  workerCount: number,
): Promise<RoundResult> {
  const database = await createServerDatabase(4);
  const workers: WorkerProcess[] = [];
  const progress = progressLine();
  try {
    // One after the other: pg-boss's queue creation can deadlock between processes starting at once.
    for (let i = 0; i < workerCount; i++) {
      const worker = startWorker({ DATABASE_URL: database.url, TULNA_STORES: storesFile });
      workers.push(worker);
      await workerReady(worker);
    }
    traffic.reset();
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const started = performance.now();
    const scheduler = await startDistributedScheduler({ databaseUrl: database.url, stores, runAtStart: true });
    // The crawls sent here; the workers' revisits of due listings are runs too, counted apart.
    const crawlRuns = async () => (await listCrawlRuns(database.handle.db, 5_000)).filter((run) => run.trigger === 'startup');
    let runs = await crawlRuns();
    try {
      for (;;) {
        runs = await crawlRuns();
        const finished = stores.filter((store) => runs.some((run) => run.storeId === store.id && run.status !== 'running'));
        const pages = runs.reduce((sum, run) => sum + run.pages, 0);
        const listings = runs.reduce((sum, run) => sum + run.listingsSeen, 0);
        const seconds = (performance.now() - started) / 1000;
        progress.update(
          `  ${workerCount} worker(s): ${finished.length}/${stores.length} stores done, ${pages} pages, ${listings} listings, ${seconds.toFixed(0)} s`,
        );
        if (finished.length === stores.length || performance.now() - started > ROUND_TIMEOUT_MS) break;
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    } finally {
      await scheduler.stop();
    }
    const seconds = (performance.now() - started) / 1000;
    loopDelay.disable();
    progress.done();
    const revisitPages = (await listCrawlRuns(database.handle.db, 5_000))
      .filter((run) => run.trigger === 'revisit')
      .reduce((sum, run) => sum + run.pages, 0);
    const statuses = Object.fromEntries(stores.map((store) => [store.id, runs.find((run) => run.storeId === store.id)?.status ?? 'not started']));
    const hosts = stores.map((store, i) => {
      const crawlDelay = demo.stores[i].profile.crawlDelay;
      return { store, traffic: traffic.summary(demo.stores[i].port), allowedPerSecond: allowedRate(store, crawlDelay), crawlDelay };
    });
    return {
      workers: workerCount,
      seconds,
      pages: runs.reduce((sum, run) => sum + run.pages, 0),
      listings: runs.reduce((sum, run) => sum + run.listingsSeen, 0),
      errors: runs.reduce((sum, run) => sum + run.errors, 0),
      revisitPages,
      loopDelayMs: { p99: loopDelay.percentile(99) / 1e6, max: loopDelay.max / 1e6 },
      unfinished: stores.filter((store) => statuses[store.id] === 'running' || statuses[store.id] === 'not started').map((s) => s.id),
      statuses,
      hosts,
    };
  } finally {
    progress.done();
    await Promise.all(workers.map(stopWorker));
    await database.drop();
  }
}

/** One arrival over the rate in a window is timer and network jitter; more is a breach. */
const holds = (row: HostRow) => row.traffic.maxPerSecond <= row.allowedPerSecond + 1 && row.traffic.maxInFlight <= row.store.politeness.concurrency;

function report(result: RoundResult): void {
  const { workers, seconds, pages, listings, errors } = result;
  process.stdout.write(
    `  ${workers} worker(s): ${pages} pages, ${listings} listings, ${errors} errors in ${seconds.toFixed(1)} s = ` +
      `${(pages / seconds).toFixed(1)} pages/s, ${(listings / seconds).toFixed(1)} listings/s` +
      ` (and ${result.revisitPages} pages revisited meanwhile); servers' event-loop delay p99 ${result.loopDelayMs.p99.toFixed(0)} ms, max ${result.loopDelayMs.max.toFixed(0)} ms` +
      `${result.unfinished.length > 0 ? `; NOT FINISHED: ${result.unfinished.join(', ')}` : ''}\n`,
  );
  for (const row of result.hosts) {
    const { traffic, store } = row;
    const delay = row.crawlDelay ? ` (robots Crawl-delay ${row.crawlDelay} s)` : '';
    process.stdout.write(
      `    ${store.id.padEnd(18)} ${result.statuses[store.id].padEnd(11)} ${String(traffic.requests).padStart(5)} requests; ` +
        `max ${String(traffic.maxPerSecond).padStart(2)} in any 1 s (allowed ${row.allowedPerSecond.toFixed(1)}/s${delay}), mean ${traffic.meanPerSecond.toFixed(1)}/s; ` +
        `max ${traffic.maxInFlight} in flight (allowed ${store.politeness.concurrency}) — ${holds(row) ? 'holds' : 'EXCEEDED'}\n`,
    );
  }
}

export async function runBench(args: string[]): Promise<number> {
  const counts = parseCounts(args);
  const why = await probeServer(BENCH_SERVER_URL);
  if (why) {
    process.stderr.write(
      `bench workers: worker processes share a PostgreSQL server, and none answers at ${serverWhere(BENCH_SERVER_URL)}: ${why}\n` +
        '  Set TULNA_BENCH_DATABASE_URL (or DATABASE_URL) to a server where temporary databases may be created.\n',
    );
    return 1;
  }
  const tmp = mkdtempSync(join(tmpdir(), 'tulna-bench-workers-'));
  const demo = await startDemoStores();
  const traffic = recordServerTraffic(demo.stores.map((s) => s.port));
  try {
    const stores = parseStoresConfig({ stores: demo.configs.map((c) => ({ ...c, schedule: NEVER })) }, 'demo store configs');
    const storesFile = join(tmp, 'stores.json');
    writeFileSync(storesFile, JSON.stringify({ stores: demo.configs.map((c) => ({ ...c, schedule: NEVER })) }));
    process.stdout.write(
      `workers bench: ${stores.length} demo stores in this process (${demo.stores.map((s) => s.inventory.listings.length).join(' + ')} listings), ` +
        `fresh database on ${serverWhere(BENCH_SERVER_URL)} per round, ${counts.join(', ')} worker process(es) through pg-boss\n`,
    );

    process.stdout.write('shared host budget, cost per request:\n');
    const costDb = await createServerDatabase(4);
    try {
      process.stdout.write(await budgetCost(costDb.handle.db, 'postgres'));
    } finally {
      await costDb.drop();
    }
    const pglite = await openDatabase({ dataDir: 'memory://' });
    try {
      process.stdout.write(await budgetCost(pglite.db, 'pglite'));
    } finally {
      await pglite.close();
    }

    const results: RoundResult[] = [];
    for (const n of counts) {
      process.stdout.write(`crawling every demo store with ${n} worker process(es):\n`);
      const result = await runRound(demo, stores, storesFile, traffic, n);
      report(result);
      results.push(result);
    }

    const breaches = results.flatMap((r) => r.hosts.filter((row) => !holds(row)).map((row) => `${row.store.id} with ${r.workers} workers`));
    process.stdout.write(
      `workers throughput: ${results.map((r) => `${r.workers} → ${(r.listings / r.seconds).toFixed(1)} listings/s, ${(r.pages / r.seconds).toFixed(1)} pages/s`).join('; ')}; ` +
        `per-host rate and concurrency ${breaches.length === 0 ? 'held on every host in every round' : `EXCEEDED: ${breaches.join(', ')}`}\n`,
    );
    return breaches.length === 0 && results.every((r) => r.unfinished.length === 0) ? 0 : 1;
  } finally {
    traffic.stop();
    await demo.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}
