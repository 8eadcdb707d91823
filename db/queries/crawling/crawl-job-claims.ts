// Which worker process runs which pg-boss crawl job, and whether that process still lives
// (table crawl_job_claims). Times are the database's, so the workers' clocks do not matter.
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Database } from '../../client.ts';
import { crawlJobClaims } from '../../crawling-schema.ts';

export type CrawlJobClaim = typeof crawlJobClaims.$inferSelect;

/** The worker took the job (a retried job keeps its id: the new worker takes the claim over). */
export async function recordJobClaim(
  db: Database,
  claim: { jobId: string; queue: string; storeId: string; worker: string },
): Promise<void> {
  await db
    .insert(crawlJobClaims)
    .values(claim)
    .onConflictDoUpdate({
      target: crawlJobClaims.jobId,
      set: { worker: claim.worker, queue: claim.queue, storeId: claim.storeId, claimedAt: sql`now()`, heartbeatAt: sql`now()` },
    });
}

/**
 * The worker's sign of life for the jobs it runs; returns the jobs it still holds. A job missing
 * from the answer was handed to another worker (this one was presumed dead).
 */
export async function beatJobClaims(db: Database, worker: string, jobIds: readonly string[]): Promise<string[]> {
  if (jobIds.length === 0) return [];
  const rows = await db
    .update(crawlJobClaims)
    .set({ heartbeatAt: sql`now()` })
    .where(and(eq(crawlJobClaims.worker, worker), inArray(crawlJobClaims.jobId, [...jobIds])))
    .returning({ jobId: crawlJobClaims.jobId });
  return rows.map((row) => row.jobId);
}

/** The job ended (done or failed) in the worker that held it. */
export async function dropJobClaim(db: Database, jobId: string, worker: string): Promise<void> {
  await db.delete(crawlJobClaims).where(and(eq(crawlJobClaims.jobId, jobId), eq(crawlJobClaims.worker, worker)));
}

/**
 * Takes away the claims whose worker has been silent for `silentForMs`, in one statement: of many
 * workers checking at once, each dead claim goes to exactly one, which hands its job over.
 */
export async function takeSilentJobClaims(db: Database, silentForMs: number): Promise<CrawlJobClaim[]> {
  return db
    .delete(crawlJobClaims)
    .where(lt(crawlJobClaims.heartbeatAt, sql`now() - ${silentForMs}::float8 * interval '1 millisecond'`))
    .returning();
}

export async function listJobClaims(db: Database): Promise<CrawlJobClaim[]> {
  return db.select().from(crawlJobClaims).orderBy(crawlJobClaims.claimedAt);
}
