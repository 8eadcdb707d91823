import { describe, expect, it } from 'vitest';
import { parseStoresConfig } from '../../../crawlers/config/store-config.ts';
import { startScheduler } from '../../../crawlers/schedule/scheduler.ts';

const stores = parseStoresConfig({
  stores: ['a', 'b'].map((id) => ({
    id,
    name: id,
    baseUrl: `http://127.0.0.1/${id}`,
    hostPatterns: ['127.0.0.1'],
    currency: 'INR',
    discovery: { kind: 'sitemap' },
    schedule: '* * * * * *', // every second
  })),
});

describe('scheduler', () => {
  it('runs each store at start and on schedule, never two crawls of one store at once', async () => {
    const inFlight = new Map<string, number>();
    const maxInFlight = new Map<string, number>();
    const runs: string[] = [];
    const scheduler = startScheduler({
      stores,
      crawl: async (store, trigger) => {
        runs.push(`${store.id}:${trigger}`);
        inFlight.set(store.id, (inFlight.get(store.id) ?? 0) + 1);
        maxInFlight.set(store.id, Math.max(maxInFlight.get(store.id) ?? 0, inFlight.get(store.id)!));
        await new Promise((r) => setTimeout(r, 1_500)); // longer than the schedule's period
        inFlight.set(store.id, inFlight.get(store.id)! - 1);
      },
    });
    await new Promise((r) => setTimeout(r, 4_200));
    await scheduler.stop();
    expect(runs).toContain('a:startup');
    expect(runs).toContain('b:startup');
    expect(runs.filter((r) => r === 'a:schedule').length).toBeGreaterThanOrEqual(1);
    expect(maxInFlight.get('a')).toBe(1);
    expect(maxInFlight.get('b')).toBe(1);
    expect(scheduler.nextRuns().map((n) => n.storeId)).toEqual(['a', 'b']);
  });

  it('keeps going when a crawl throws', async () => {
    let calls = 0;
    const scheduler = startScheduler({
      stores: stores.slice(0, 1),
      crawl: async () => {
        calls++;
        throw new Error('store down');
      },
    });
    await new Promise((r) => setTimeout(r, 2_300));
    await scheduler.stop();
    expect(calls).toBeGreaterThanOrEqual(2);
  });
});
