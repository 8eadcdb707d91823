// A worker's claims on the crawl jobs it runs (table crawl_job_claims): recorded when a job is
// taken, beaten as the worker's sign of life, dropped when the job ends. A claim that another
// worker took away (this one was silent too long: a stalled event loop, a lost database) aborts
// that job's crawl here, so the store is not crawled by two workers for long.
import type { Database } from '../../db/client.ts';
import { beatJobClaims, dropJobClaim, recordJobClaim } from '../../db/queries/crawling/crawl-job-claims.ts';
import type { Logger } from '../logger.ts';

export interface ClaimedJob {
  id: string;
  queue: string;
  storeId: string;
}

export interface JobClaimKeeper {
  /** "machine:pid:tag" naming this worker in the claims. */
  readonly worker: string;
  /** Records the claim; the signal aborts when the job is handed to another worker. */
  take(job: ClaimedJob): Promise<AbortSignal>;
  /** The job ended here: its claim goes. Never throws (a claim left behind is dropped by a takeover check). */
  release(jobId: string): Promise<void>;
  stop(): void;
}

export function startJobClaimKeeper(options: { db: Database; worker: string; beatEveryMs: number; logger: Logger }): JobClaimKeeper {
  const { db, worker, logger: log } = options;
  const held = new Map<string, { job: ClaimedJob; abort: AbortController }>();
  let beating = false;

  async function beat(): Promise<void> {
    if (beating || held.size === 0) return;
    beating = true;
    try {
      const asked = [...held.keys()];
      const kept = new Set(await beatJobClaims(db, worker, asked));
      for (const jobId of asked) {
        const claim = held.get(jobId);
        if (kept.has(jobId) || !claim) continue;
        held.delete(jobId);
        log.warn({ job: jobId, store: claim.job.storeId }, 'this worker was presumed dead and its crawl job handed over: stopping the crawl');
        claim.abort.abort(new Error(`crawl job ${jobId} of store "${claim.job.storeId}" was handed to another worker`));
      }
    } catch (error) {
      log.warn({ err: error }, 'could not record the crawl job heartbeat');
    } finally {
      beating = false;
    }
  }

  const timer = setInterval(() => void beat(), options.beatEveryMs);
  timer.unref();

  return {
    worker,
    async take(job) {
      await recordJobClaim(db, { jobId: job.id, queue: job.queue, storeId: job.storeId, worker });
      const abort = new AbortController();
      held.set(job.id, { job, abort });
      return abort.signal;
    },
    async release(jobId) {
      held.delete(jobId);
      await dropJobClaim(db, jobId, worker).catch((error: unknown) => log.warn({ err: error, job: jobId }, 'could not drop a crawl job claim'));
    },
    stop() {
      clearInterval(timer);
    },
  };
}
