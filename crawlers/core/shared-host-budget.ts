// The per-host politeness budget kept in the database, shared by every process and every store
// crawling a host (db/queries/crawling/host-budget.ts holds the statements). A request takes a turn:
// one statement claims one of the host's `concurrency` leases and reserves its start time (the
// database's clock), the request sleeps until then, runs, and releases the lease. A process that
// dies keeps its leases only until they expire: request timeout plus a margin past their start.
// While every lease is taken the claim is retried with growing, jittered pauses (no polling storm).
// A request that wakes well after its reserved start (a busy event loop) reserves a new start
// rather than crowd the next one's: a start is never early, and seldom late.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../db/client.ts';
import {
  claimHostTurn,
  ensureHostLeaseSlots,
  holdHostBudget,
  releaseHostLease,
  reserveAnotherSlot,
  type HostTurnClaim,
} from '../../db/queries/crawling/host-budget.ts';
import { logger as crawlerLogger, type Logger } from '../logger.ts';
import { FetchFailure } from './errors.ts';
import type { HostTurnLease, HostTurnRequest, SharedHostBudget } from './types.ts';

export interface DatabaseHostBudgetOptions {
  /** Added to the request timeout for a lease's length: DNS, body decoding, our own bookkeeping. Default 5 000. */
  leaseMarginMs?: number;
  /** First pause while every lease of a host is taken; doubles per try up to maxBackoffMs. Default 10. */
  firstBackoffMs?: number;
  /** Longest pause between two claims of a busy host. Default 250. */
  maxBackoffMs?: number;
  /** A request waking later than this past its start (beyond the network's own delay) reserves a new one. Default 15. */
  lateToleranceMs?: number;
  /** Random source for the pauses' jitter, in [0, 1). Default Math.random. */
  random?: () => number;
  logger?: Logger;
}

/** What the budget cost this process so far (for benchmarks and logs). */
export interface HostBudgetFigures {
  /** Turns taken (one per HTTP request). */
  turns: number;
  /** Claim statements sent: turns plus the retries while every lease was taken. */
  claims: number;
  /** Time spent in claim and release statements (round trips included). */
  databaseMs: number;
  /** Time slept until reserved start times (the rate at work). */
  slotWaitMs: number;
  /** Time paused while every lease was taken (the concurrency at work). */
  leaseWaitMs: number;
  /** Requests that woke too late for their start and reserved another. */
  lateStarts: number;
  /** Fastest claim round trip seen, ms: the database's own delay, allowed for in lateness. */
  fastestClaimMs: number;
}

/** Re-reservations for one request before it goes anyway (an event loop that stays blocked). */
const MAX_RESERVATIONS = 3;

export interface DatabaseHostBudget extends SharedHostBudget {
  figures(): HostBudgetFigures;
}

function checkRequest(request: HostTurnRequest): void {
  const bad = (field: string, value: unknown) =>
    new TypeError(`Shared host budget for ${request.host}: expected ${field} to be a finite number, found ${String(value)}`);
  if (!Number.isInteger(request.concurrency) || request.concurrency < 1) throw bad('concurrency (a whole number >= 1)', request.concurrency);
  if (!Number.isFinite(request.intervalMs) || request.intervalMs < 0) throw bad('intervalMs (>= 0)', request.intervalMs);
  if (!Number.isFinite(request.timeoutMs) || request.timeoutMs <= 0) throw bad('timeoutMs (> 0)', request.timeoutMs);
}

export function createDatabaseHostBudget(db: Database, options: DatabaseHostBudgetOptions = {}): DatabaseHostBudget {
  const leaseMarginMs = options.leaseMarginMs ?? 5_000;
  const firstBackoffMs = options.firstBackoffMs ?? 10;
  const maxBackoffMs = options.maxBackoffMs ?? 250;
  const random = options.random ?? Math.random;
  const lateToleranceMs = options.lateToleranceMs ?? 15;
  const log = (options.logger ?? crawlerLogger).child({ component: 'SharedHostBudget' });
  // Names this budget's leases in host_leases.holder: which machine and process, and which request.
  const holderPrefix = `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  let requestNumber = 0;
  const figures: HostBudgetFigures = { turns: 0, claims: 0, databaseMs: 0, slotWaitMs: 0, leaseWaitMs: 0, lateStarts: 0, fastestClaimMs: Infinity };
  const ensured = new Map<string, Promise<void>>();

  async function timed<T>(statement: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await statement();
    } finally {
      figures.databaseMs += performance.now() - started;
    }
  }

  function budgetFailure(host: string, error: unknown): FetchFailure {
    return new FetchFailure('network', `The shared host budget could not give ${host} a request turn: ${(error as Error).message}`, {
      retryable: true,
      cause: error,
    });
  }

  /** The host's lease rows, created once per process and setting. */
  function ensureSlots(host: string, concurrency: number): Promise<void> {
    const key = `${host}#${concurrency}`;
    let done = ensured.get(key);
    if (!done) {
      done = ensureHostLeaseSlots(db, host, concurrency).catch((error: unknown) => {
        ensured.delete(key);
        throw error;
      });
      ensured.set(key, done);
    }
    return done;
  }

  function pauseMs(attempt: number): number {
    const ceiling = Math.min(maxBackoffMs, firstBackoffMs * 2 ** Math.min(attempt, 20));
    return ceiling / 2 + (ceiling / 2) * random();
  }

  /**
   * Sleeps until the reserved start (`waitMs` from the answer to a statement sent at `sentAt`),
   * reserving again when it woke too late; false when the lease was lost meanwhile (it expired).
   * The sleep counts from the answer's arrival, so the start is never early; lateness counts from
   * when the database most likely answered (half the fastest round trip after sending), so an
   * answer that sat unread behind a busy event loop counts as late too.
   */
  async function waitForStart(claim: HostTurnClaim & { slot: number }, sentAt: number, waitMs: number, signal: AbortSignal): Promise<boolean> {
    for (let reservation = 1; ; reservation++) {
      if (waitMs > 0) {
        await sleep(waitMs, undefined, { signal });
        figures.slotWaitMs += waitMs;
      }
      const lateMs = performance.now() - (sentAt + figures.fastestClaimMs / 2 + waitMs);
      if (lateMs <= lateToleranceMs || reservation >= MAX_RESERVATIONS) return true;
      figures.lateStarts++;
      sentAt = performance.now();
      const next = await timed(() => reserveAnotherSlot(db, claim));
      if (next === null) return false;
      waitMs = next;
    }
  }

  function leaseOf(host: string, slot: number, holder: string): HostTurnLease {
    let released: Promise<void> | undefined;
    return {
      release() {
        released ??= timed(() => releaseHostLease(db, host, slot, holder)).catch((error: unknown) => {
          log.warn({ err: error, host, slot }, 'could not release a host lease: it expires on its own');
        });
        return released;
      },
    };
  }

  return {
    async acquire(request) {
      checkRequest(request);
      const { host, concurrency, intervalMs, timeoutMs, signal } = request;
      signal.throwIfAborted();
      const holder = `${holderPrefix}:${++requestNumber}`;
      try {
        await ensureSlots(host, concurrency);
      } catch (error) {
        throw budgetFailure(host, error);
      }
      for (let attempt = 0; ; attempt++) {
        signal.throwIfAborted();
        figures.claims++;
        const claim = { host, concurrency, intervalMs, leaseMs: timeoutMs + leaseMarginMs, holder };
        const sentAt = performance.now();
        let turn;
        try {
          turn = await timed(() => claimHostTurn(db, claim));
        } catch (error) {
          throw budgetFailure(host, error);
        }
        const roundTripMs = performance.now() - sentAt;
        figures.fastestClaimMs = Math.min(figures.fastestClaimMs, roundTripMs);
        if (turn) {
          figures.turns++;
          const lease = leaseOf(host, turn.slot, holder);
          let started: boolean;
          try {
            started = await waitForStart({ ...claim, slot: turn.slot }, sentAt, turn.waitMs, signal);
          } catch (error) {
            await lease.release();
            throw error instanceof FetchFailure || signal.aborted ? error : budgetFailure(host, error);
          }
          if (started) return lease;
          continue; // the lease expired while this request waited: claim afresh
        }
        const pause = pauseMs(attempt);
        figures.leaseWaitMs += pause;
        await sleep(pause, undefined, { signal });
      }
    },
    hold(host, ms) {
      if (!(ms > 0) || !Number.isFinite(ms)) return;
      holdHostBudget(db, host, ms).catch((error: unknown) => {
        log.warn({ err: error, host, holdMs: ms }, 'could not record a Retry-After hold in the shared host budget');
      });
    },
    figures: () => ({ ...figures }),
  };
}
