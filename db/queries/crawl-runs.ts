// Crawl runs and per-URL crawl errors: what ran, when, and what failed why.
import { and, desc, eq, lt, sql } from 'drizzle-orm';
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

/** Opens a run; the partial unique index guarantees one running crawl per store. */
export async function startCrawlRun(db: Database, storeId: string, trigger = 'manual', at = new Date()): Promise<CrawlRun> {
  try {
    const [run] = await db.insert(crawlRuns).values({ storeId, trigger, startedAt: at, status: 'running' }).returning();
    return run;
  } catch (error) {
    if (isUniqueViolation(error)) throw new CrawlAlreadyRunningError(storeId);
    throw error;
  }
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
  await db.update(crawlRuns).set(counts).where(eq(crawlRuns.id, runId));
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
 * Runs left 'running' by a process that died (SIGKILL, crash) become 'interrupted'.
 * Embedded mode passes `startedBefore: now` at start (it is the only process); workers pass a horizon.
 */
export async function interruptAbandonedRuns(db: Database, startedBefore: Date, storeId?: string): Promise<CrawlRun[]> {
  const conditions = [eq(crawlRuns.status, 'running'), lt(crawlRuns.startedAt, startedBefore)];
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

export async function getLatestCrawlRun(db: Database, storeId: string): Promise<CrawlRun | undefined> {
  const [run] = await db.select().from(crawlRuns).where(eq(crawlRuns.storeId, storeId)).orderBy(desc(crawlRuns.startedAt)).limit(1);
  return run;
}

export async function listCrawlRuns(db: Database, limit = 50): Promise<CrawlRun[]> {
  return db.select().from(crawlRuns).orderBy(desc(crawlRuns.startedAt)).limit(limit);
}
