// A worker killed mid-job (SIGKILL, OOM, a lost machine) leaves its pg-boss job 'active', and the
// store's 'stately' queue starts nothing else of that store while it is: a crawl queued behind it
// waits until the job expires (hours). So every worker checks, every few seconds, for claims whose
// worker went silent (crawl_job_claims, the database's clock). Each silent claim is taken away in
// one statement, so exactly one worker hands that job over:
//   1. the dead worker's crawl run becomes 'interrupted' (the next crawl resumes where it stopped);
//   2. its job is cancelled through pg-boss, which frees the store's active place;
//   3. the store's crawl is sent again; when one is queued already (stately keeps one), that one takes over.
// The next crawl goes to whichever worker polls first. A store whose crawl keeps killing workers
// is handed over MAX_TAKEOVERS times in a row, then left for its next scheduled crawl.
import type PgBoss from 'pg-boss';
import type { Database } from '../../db/client.ts';
import { CRAWL_HEARTBEAT_MS, interruptAbandonedRuns } from '../../db/queries/crawl-runs.ts';
import { recordJobClaim, takeSilentJobClaims, type CrawlJobClaim } from '../../db/queries/crawling/crawl-job-claims.ts';
import type { Logger } from '../logger.ts';

/** Hand-overs in a row of one store's crawl before it waits for its schedule instead. */
export const MAX_TAKEOVERS = 3;

export interface TakeoverJobData {
  storeId: string;
  trigger: string;
  /** How many dead workers this crawl has been handed over from in a row. */
  takeovers?: number;
}

export interface TakeoverTimings {
  /** A worker silent this long is presumed dead. */
  staleAfterMs: number;
  /** How often a worker gives its sign of life, and how often it checks for silent ones. */
  beatEveryMs: number;
}

/** A third of the stale horizon, at most the crawl heartbeat: a live worker beats at least three times per horizon. */
export function takeoverTimings(staleAfterMs: number): TakeoverTimings {
  return { staleAfterMs, beatEveryMs: Math.max(200, Math.min(CRAWL_HEARTBEAT_MS, staleAfterMs / 3)) };
}

export interface Takeover {
  claim: CrawlJobClaim;
  interruptedRuns: number;
  /** The job sent to take over; null when a queued crawl of the store does; undefined when none was sent. */
  nextJobId: string | null | undefined;
}

async function handOver(boss: PgBoss, db: Database, claim: CrawlJobClaim, timings: TakeoverTimings, log: Logger): Promise<Takeover> {
  // The dead worker's run stopped beating no later than its claim did (give or take one beat), so
  // a run silent this long is its, while a live crawl of the store elsewhere beats far more often.
  const runSilentSince = new Date(Date.now() - (timings.staleAfterMs - timings.beatEveryMs));
  const interrupted = await interruptAbandonedRuns(db, runSilentSince, claim.storeId);
  const job = await boss.getJobById<TakeoverJobData>(claim.queue, claim.jobId);
  if (!job || job.state !== 'active') {
    log.info({ store: claim.storeId, job: claim.jobId, state: job?.state ?? 'gone' }, 'silent worker\'s crawl job is no longer active: nothing to hand over');
    return { claim, interruptedRuns: interrupted.length, nextJobId: undefined };
  }
  await boss.cancel(claim.queue, claim.jobId);
  const takeovers = (job.data?.takeovers ?? 0) + 1;
  if (takeovers > MAX_TAKEOVERS) {
    log.error(
      { store: claim.storeId, job: claim.jobId, takeovers: takeovers - 1 },
      `the crawl of store "${claim.storeId}" lost ${MAX_TAKEOVERS} workers in a row: not sent again before its next schedule`,
    );
    return { claim, interruptedRuns: interrupted.length, nextJobId: undefined };
  }
  const data: TakeoverJobData = { storeId: claim.storeId, trigger: 'takeover', takeovers };
  const nextJobId = await boss.send(claim.queue, data);
  log.warn(
    { store: claim.storeId, job: claim.jobId, deadWorker: claim.worker, nextJob: nextJobId, interruptedRuns: interrupted.length },
    'crawl job of a silent worker handed over',
  );
  return { claim, interruptedRuns: interrupted.length, nextJobId };
}

/** One check: hands over every job whose worker has been silent past the stale horizon. */
export async function handOverSilentJobs(options: {
  boss: PgBoss;
  db: Database;
  timings: TakeoverTimings;
  logger: Logger;
}): Promise<Takeover[]> {
  const { boss, db, timings, logger: log } = options;
  const claims = await takeSilentJobClaims(db, timings.staleAfterMs);
  const done: Takeover[] = [];
  for (const claim of claims) {
    try {
      done.push(await handOver(boss, db, claim, timings, log));
    } catch (error) {
      // Put the claim back: a check one stale horizon later, by any worker, tries again.
      log.error({ err: error, store: claim.storeId, job: claim.jobId }, 'could not hand over a silent worker\'s crawl job');
      await recordJobClaim(db, claim).catch(() => undefined);
    }
  }
  return done;
}

export interface TakeoverMonitor {
  stop(): Promise<void>;
}

/** Runs handOverSilentJobs every beat in this worker. */
export function startTakeoverMonitor(options: { boss: PgBoss; db: Database; timings: TakeoverTimings; logger: Logger }): TakeoverMonitor {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = handOverSilentJobs(options)
      .catch((error: unknown) => options.logger.warn({ err: error }, 'takeover check failed'))
      .finally(() => (running = undefined));
  }, options.timings.beatEveryMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
