// A small in-process cache of search answers. Shoppers repeat the same few queries (a model
// typed from a shop shelf, the category pages), and under load the same query is often in flight
// several times at once: one database statement answers them all.
import type { SearchResult } from './types.ts';

export interface ResultCacheOptions {
  /** Most answers kept; the least recently used goes first. Default 500 (a few MB at most). */
  maxEntries?: number;
  /**
   * How long an answer is served, in milliseconds. Default 15,000. Writes this process makes
   * through the engine clear the cache at once; the TTL bounds how stale an answer can be after a
   * write by another process (a `tulna worker`). 0 turns the cache off.
   */
  ttlMs?: number;
  /** The clock, for tests. Default Date.now. */
  now?: () => number;
}

export const DEFAULT_CACHE_ENTRIES = 500;
export const DEFAULT_CACHE_TTL_MS = 15_000;

interface Entry {
  result: SearchResult;
  expires: number;
}

export interface ResultCache {
  /** The cached answer for `key`, else `compute()`'s (shared by concurrent callers of one key). */
  get(key: string, compute: () => Promise<SearchResult>): Promise<SearchResult>;
  /** Forgets every answer, and keeps answers computed before this call from being stored. */
  clear(): void;
  readonly size: number;
}

function checkedOption(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 0) throw new TypeError(`Result cache ${name} must be a non-negative integer, got ${String(value)}`);
  return value;
}

/** Callers get their own copy: a caller that edits its hits must not edit the next caller's. */
function copy(result: SearchResult): SearchResult {
  return structuredClone(result);
}

export function createResultCache(options: ResultCacheOptions = {}): ResultCache {
  const maxEntries = checkedOption('maxEntries', options.maxEntries, DEFAULT_CACHE_ENTRIES);
  const ttlMs = checkedOption('ttlMs', options.ttlMs, DEFAULT_CACHE_TTL_MS);
  const now = options.now ?? Date.now;
  // A Map iterates in insertion order: re-inserting on a hit makes the first key the least recent.
  const entries = new Map<string, Entry>();
  const inFlight = new Map<string, Promise<SearchResult>>();
  // Bumped by clear(): an answer whose statement started before a write is not stored after it.
  let generation = 0;

  const store = (key: string, result: SearchResult) => {
    entries.delete(key);
    entries.set(key, { result, expires: now() + ttlMs });
    while (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
  };

  return {
    async get(key, compute) {
      if (ttlMs === 0 || maxEntries === 0) return compute();
      const entry = entries.get(key);
      if (entry && entry.expires > now()) {
        entries.delete(key);
        entries.set(key, entry);
        return copy(entry.result);
      }
      if (entry) entries.delete(key);
      let pending = inFlight.get(key);
      if (!pending) {
        const started = generation;
        pending = compute()
          .then((result) => {
            if (started === generation) store(key, result);
            return result;
          })
          .finally(() => {
            if (inFlight.get(key) === pending) inFlight.delete(key);
          });
        inFlight.set(key, pending);
      }
      return copy(await pending);
    },

    clear() {
      generation += 1;
      entries.clear();
      // Callers already waiting keep their answer; new callers start a fresh statement.
      inFlight.clear();
    },

    get size() {
      return entries.size;
    },
  };
}
