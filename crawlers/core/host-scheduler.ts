// Politeness for one host: at most `concurrency` requests in flight (p-queue), and request
// starts spaced at least `intervalMs` apart (our own spacing, so robots.txt Crawl-delay can slow
// it down once known, and a Retry-After can hold the whole host back).
import PQueue from 'p-queue';
import { setTimeout as sleep } from 'node:timers/promises';

export interface HostSchedulerOptions {
  concurrency: number;
  /** Smallest gap between two request starts; 0 for none. */
  intervalMs: number;
  /** Aborts waiting and queued work (the fetcher is closing). */
  signal: AbortSignal;
}

export class HostScheduler {
  readonly #queue: PQueue;
  readonly #signal: AbortSignal;
  #intervalMs: number;
  #nextSlotAt = 0;
  #lastStartAt: number | null = null;

  constructor(options: HostSchedulerOptions) {
    this.#queue = new PQueue({ concurrency: options.concurrency });
    this.#intervalMs = options.intervalMs;
    this.#signal = options.signal;
  }

  get intervalMs(): number {
    return this.#intervalMs;
  }

  /** Slows the host down (never speeds it up): the slower of the two intervals wins. */
  raiseInterval(intervalMs: number): void {
    if (intervalMs <= this.#intervalMs) return;
    this.#intervalMs = intervalMs;
    if (this.#lastStartAt !== null) this.#nextSlotAt = Math.max(this.#nextSlotAt, this.#lastStartAt + intervalMs);
  }

  /** Holds every request to this host until `time` (epoch ms), e.g. after a Retry-After. */
  holdUntil(time: number): void {
    this.#nextSlotAt = Math.max(this.#nextSlotAt, time);
  }

  /** Runs `task` when a concurrency slot and a time slot are free. Rejects with AbortError on close. */
  run<T>(task: () => Promise<T>): Promise<T> {
    return this.#queue.add(
      async () => {
        // Reserve the slot synchronously so concurrent tasks cannot take the same one.
        const now = Date.now();
        const slot = Math.max(now, this.#nextSlotAt);
        this.#nextSlotAt = slot + this.#intervalMs;
        if (slot > now) await sleep(slot - now, undefined, { signal: this.#signal });
        this.#lastStartAt = Date.now();
        return task();
      },
      { signal: this.#signal },
    );
  }

  clear(): void {
    this.#queue.clear();
  }
}
