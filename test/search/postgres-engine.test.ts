import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client.ts';
import { refreshAllProductSearch } from '../../db/queries/product-search.ts';
import { createPostgresSearch } from '../../search/postgres-engine.ts';
import { adjacentSwaps } from '../../search/query-text.ts';
import { openTestDatabase, testDrivers } from '../helpers/db.ts';
import { seedCatalog, type SeededCatalog } from '../helpers/seed-catalog.ts';
import { HOSTILE_QUERIES, searchBehaviour } from './search-behaviour.ts';

describe.each(testDrivers)('postgres search engine (%s)', (driver) => {
  searchBehaviour(`postgres on ${driver}`, async () => {
    const handle = await openTestDatabase(driver);
    return { db: handle.db, engine: createPostgresSearch(handle.db), close: () => handle.close() };
  });

  describe('accessories', () => {
    let handle: DbHandle;
    let seeded: SeededCatalog;

    beforeAll(async () => {
      handle = await openTestDatabase(driver);
      // The case is sold by more stores, so popularity alone would put it first.
      seeded = await seedCatalog(handle.db, [
        { key: 'phone', title: 'Samsung Galaxy S24 128GB Onyx Black', brand: 'Samsung', category: 'Phones', listings: [{ store: 'a', price: '799' }] },
        {
          key: 'case',
          title: 'Spigen Liquid Air Case for Samsung Galaxy S24, Black',
          brand: 'Spigen',
          category: 'Accessories',
          listings: [{ store: 'a', price: '15' }, { store: 'b', price: '14' }, { store: 'c', price: '16' }],
        },
      ]);
      await refreshAllProductSearch(handle.db);
    });

    afterAll(async () => {
      await handle?.close();
    });

    it('ranks the device above accessories for it, unless an accessory is asked for', async () => {
      const engine = createPostgresSearch(handle.db);
      const ids = async (q: string) => (await engine.search({ q })).hits.map((h) => h.productId);
      expect(await ids('samsung galaxy s24')).toEqual([seeded.productIds.phone, seeded.productIds.case]);
      expect((await ids('galaxy s24 case'))[0]).toBe(seeded.productIds.case);
    });
  });

  describe('typo passes', () => {
    let handle: DbHandle;
    let seeded: SeededCatalog;

    beforeAll(async () => {
      handle = await openTestDatabase(driver);
      seeded = await seedCatalog(handle.db, [
        { key: 'alpha', title: 'Sony Alpha 7 IV Body', brand: 'Sony', category: 'Cameras', listings: [{ store: 'a', price: '2199' }] },
        { key: 'redmi', title: 'Xiaomi Redmi Note 13 Pro', brand: 'Xiaomi', category: 'Phones', listings: [{ store: 'a', price: '299' }] },
        { key: 'sonos', title: 'Sonos Era 100 Speaker', brand: 'Sonos', category: 'Speakers', listings: [{ store: 'b', price: '249' }] },
      ]);
      await refreshAllProductSearch(handle.db);
    });

    afterAll(async () => {
      await handle?.close();
    });

    it('finds words with two letters swapped, which trigrams miss', async () => {
      const engine = createPostgresSearch(handle.db);
      expect((await engine.search({ q: 'snoy alhpa ' })).hits.map((h) => h.productId)).toEqual([seeded.productIds.alpha]);
      expect((await engine.search({ q: 'xiaomi rdemi' })).hits.map((h) => h.productId)).toEqual([seeded.productIds.redmi]);
    });

    it('prefers exact words over typo matches', async () => {
      const engine = createPostgresSearch(handle.db);
      // "sonos" is exact for the speaker and one swap from nothing else; "sony" must not leak in.
      expect((await engine.search({ q: 'sonos' })).hits.map((h) => h.productId)).toEqual([seeded.productIds.sonos]);
    });

    it('survives exotic letters and digits in every pass', async () => {
      const engine = createPostgresSearch(handle.db);
      for (const q of ['² ½ ⅷ ٣ 𝟘 ǅ', 'ǅǅǅǅ ⅷⅷⅷⅷ', ...HOSTILE_QUERIES]) {
        await expect(engine.search({ q }), q.slice(0, 30)).resolves.toMatchObject({ engine: 'postgres' });
      }
    });
  });
});

describe('adjacentSwaps', () => {
  it('lists one-swap variants of words of four or more letters, not numbers', () => {
    expect(adjacentSwaps('alhpa')).toEqual(['lahpa', 'ahlpa', 'alpha', 'alhap']);
    expect(adjacentSwaps('tvs')).toEqual([]);
    expect(adjacentSwaps('1234')).toEqual([]);
    expect(adjacentSwaps('aabb')).toEqual(['abab']);
  });
});
