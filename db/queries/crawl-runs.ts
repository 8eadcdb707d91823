// Crawl runs and per-URL crawl errors: what ran, when, and what failed why.
import { and, desc, eq, lt, sql } from 'drizzle-orm';
import { environmentSection, type EnvironmentSource } from '../../config/environment.ts';
import type { Database } from '../client.ts';
import { crawlErrors, crawlRuns, type CrawlRun, type CrawlRunStatus } from '../schema.ts';

export class CrawlAlreadyRunningError extends Error {
  constructor(readonly storeId: string) {
    super(`A crawl of store "${storeId}" is already running; a store is never crawled twice at once.`);
    this.name = 'CrawlAlreadyRunningError';
  }
}

function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}

/** A run whose process has not given a sign of life for this long is presumed dead (default 90 s). */
export function crawlStaleAfterMs(env?: EnvironmentSource): number {
  return environmentSection('crawl', env).TULNA_CRAWL_STALE_SECONDS * 1_000;
}

/** How often a running crawl says it is alive: well inside the stale horizon. */
export const CRAWL_HEARTBEAT_MS = 15_000;

/**
 * Opens a run; the partial unique index guarantees one running crawl per store. A running run of
 * the store that went silent (its process died) is marked interrupted first, so the store is not
 * blocked by a dead process.
 */
export async function startCrawlRun(
  db: Database,
  storeId: string,
  trigger = 'manual',
  at = new Date(),
  staleAfterMs = crawlStaleAfterMs(),
): Promise<CrawlRun> {
  const insert = async () => (await db.insert(crawlRuns).values({ storeId, trigger, startedAt: at, heartbeatAt: at, status: 'running' }).returning())[0];
  try {
    return await insert();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const recovered = await interruptAbandonedRuns(db, new Date(at.getTime() - staleAfterMs), storeId);
  if (recovered.length === 0) throw new CrawlAlreadyRunningError(storeId);
  try {
    return await insert();
  } catch (error) {
    if (isUniqueViolation(error)) throw new CrawlAlreadyRunningError(storeId);
    throw error;
  }
}

/** The running crawl's sign of life. */
export async function touchCrawlRun(db: Database, runId: number, at = new Date()): Promise<void> {
  await db.update(crawlRuns).set({ heartbeatAt: at }).where(eq(crawlRuns.id, runId));
}

export interface CrawlRunCounts {
  pages: number;
  listingsSeen: number;
  listingsNew: number;
  listingsChanged: number;
  listingsUnchanged: number;
  errors: number;
}

/** Saves progress counters while a run goes on (so an interrupted run still shows what it did). */
export async function updateCrawlRunCounts(db: Database, runId: number, counts: CrawlRunCounts): Promise<void> {
  await db.update(crawlRuns).set({ ...counts, heartbeatAt: new Date() }).where(eq(crawlRuns.id, runId));
}

export async function finishCrawlRun(
  db: Database,
  runId: number,
  status: Exclude<CrawlRunStatus, 'running'>,
  counts: CrawlRunCounts,
  message?: string,
  at = new Date(),
): Promise<void> {
  await db
    .update(crawlRuns)
    .set({ ...counts, status, message: message ?? null, finishedAt: at })
    .where(eq(crawlRuns.id, runId));
}

/**
 * Runs left 'running' by a process that died (SIGKILL, crash) become 'interrupted': those whose
 * last sign of life is older than `silentSince`. Embedded mode passes "now" at start (its process
 * is the only one); on a shared server, now minus the stale horizon.
 */
export async function interruptAbandonedRuns(db: Database, silentSince: Date, storeId?: string): Promise<CrawlRun[]> {
  const conditions = [eq(crawlRuns.status, 'running'), lt(crawlRuns.heartbeatAt, silentSince)];
  if (storeId) conditions.push(eq(crawlRuns.storeId, storeId));
  return db
    .update(crawlRuns)
    .set({ status: 'interrupted', finishedAt: sql`now()`, message: 'the process running this crawl stopped before it finished' })
    .where(and(...conditions))
    .returning();
}

export interface CrawlErrorInput {
  runId: number;
  storeId: string;
  url: string;
  kind: string;
  message: string;
  httpStatus?: number | null;
  retryable?: boolean;
  at?: Date;
}

/** One error record per URL and run: a later failure of the same URL in the run replaces it. */
export async function recordCrawlError(db: Database, input: CrawlErrorInput): Promise<void> {
  const row = {
    runId: input.runId,
    storeId: input.storeId,
    url: input.url,
    kind: input.kind,
    message: input.message.slice(0, 2_000),
    httpStatus: input.httpStatus ?? null,
    retryable: input.retryable ?? false,
    occurredAt: input.at ?? new Date(),
  };
  await db
    .insert(crawlErrors)
    .values(row)
    .onConflictDoUpdate({
      target: [crawlErrors.runId, crawlErrors.url],
      set: { kind: row.kind, message: row.message, httpStatus: row.httpStatus, retryable: row.retryable, occurredAt: row.occurredAt },
    });
}

export async function listCrawlErrors(db: Database, runId: number) {
  return db.select().from(crawlErrors).where(eq(crawlErrors.runId, runId)).orderBy(crawlErrors.url);
}

/** The store's run before the given one: the one a new run may resume. */
export async function getPreviousCrawlRun(db: Database, storeId: string, runId: number): Promise<CrawlRun | undefined> {
  const [run] = await db
    .select()
    .from(crawlRuns)
    .where(and(eq(crawlRuns.storeId, storeId), lt(crawlRuns.id, runId)))
    .orderBy(desc(crawlRuns.id))
    .limit(1);
  return run;
}

export async function getLatestCrawlRun(db: Database, storeId: string): Promise<CrawlRun | undefined> {
  const [run] = await db.select().from(crawlRuns).where(eq(crawlRuns.storeId, storeId)).orderBy(desc(crawlRuns.startedAt)).limit(1);
  return run;
}

export async function listCrawlRuns(db: Database, limit = 50): Promise<CrawlRun[]> {
  return db.select().from(crawlRuns).orderBy(desc(crawlRuns.startedAt)).limit(limit);
}
