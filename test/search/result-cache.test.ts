import { describe, expect, it } from 'vitest';
import { createResultCache } from '../../search/result-cache.ts';
import type { SearchResult } from '../../search/types.ts';

function answer(total: number): SearchResult {
  return { hits: [], total, page: 1, perPage: 20, currency: null, facets: { category: [], brand: [], store: [], currency: [] }, engine: 'test' };
}

/** A compute function that counts its calls and answers with the call number. */
function counter() {
  let calls = 0;
  const compute = async () => answer(++calls);
  return { compute, calls: () => calls };
}

describe('result cache', () => {
  it('answers a repeated key from memory until the TTL passes', async () => {
    let clock = 0;
    const cache = createResultCache({ ttlMs: 1000, now: () => clock });
    const { compute, calls } = counter();
    expect((await cache.get('a', compute)).total).toBe(1);
    clock = 999;
    expect((await cache.get('a', compute)).total).toBe(1);
    clock = 1000;
    expect((await cache.get('a', compute)).total).toBe(2);
    expect(calls()).toBe(2);
  });

  it('evicts the least recently used key beyond maxEntries', async () => {
    const cache = createResultCache({ maxEntries: 2 });
    const { compute, calls } = counter();
    await cache.get('a', compute);
    await cache.get('b', compute);
    await cache.get('a', compute); // a is now the most recent
    await cache.get('c', compute); // evicts b
    expect(cache.size).toBe(2);
    await cache.get('a', compute);
    expect(calls()).toBe(3);
    await cache.get('b', compute);
    expect(calls()).toBe(4);
  });

  it('runs one computation for concurrent callers of a key', async () => {
    const cache = createResultCache();
    let release!: () => void;
    let calls = 0;
    const compute = () => {
      calls += 1;
      return new Promise<SearchResult>((resolve) => (release = () => resolve(answer(7))));
    };
    const waiting = [cache.get('a', compute), cache.get('a', compute), cache.get('a', compute)];
    release();
    expect((await Promise.all(waiting)).map((r) => r.total)).toEqual([7, 7, 7]);
    expect(calls).toBe(1);
  });

  it('does not store an answer whose computation started before clear()', async () => {
    const cache = createResultCache();
    let release!: () => void;
    const stale = cache.get('a', () => new Promise<SearchResult>((resolve) => (release = () => resolve(answer(1)))));
    cache.clear();
    release();
    expect((await stale).total).toBe(1);
    expect(cache.size).toBe(0);
    expect((await cache.get('a', async () => answer(2))).total).toBe(2);
  });

  it('does not cache failures', async () => {
    const cache = createResultCache();
    await expect(cache.get('a', async () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect((await cache.get('a', async () => answer(3))).total).toBe(3);
  });

  it('hands every caller its own copy', async () => {
    const cache = createResultCache();
    const first = await cache.get('a', async () => answer(1));
    first.facets.brand.push({ value: 'Edited', count: 1 });
    first.total = 99;
    const second = await cache.get('a', async () => answer(2));
    expect(second.total).toBe(1);
    expect(second.facets.brand).toEqual([]);
  });

  it('is off with ttlMs 0, and rejects bad options with the value', async () => {
    const cache = createResultCache({ ttlMs: 0 });
    const { compute, calls } = counter();
    await cache.get('a', compute);
    await cache.get('a', compute);
    expect(calls()).toBe(2);
    expect(() => createResultCache({ ttlMs: -1 })).toThrow(/ttlMs must be a non-negative integer, got -1/);
    expect(() => createResultCache({ maxEntries: 1.5 })).toThrow(TypeError);
  });
});
