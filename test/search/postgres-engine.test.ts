import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DbHandle, DriverName } from '../../db/client.ts';
import { refreshAllProductSearch, refreshProductSearch } from '../../db/queries/product-search.ts';
import { listings } from '../../db/schema.ts';
import { createPostgresSearch } from '../../search/postgres-engine.ts';
import { matchModes } from '../../search/postgres-query.ts';
import { POOL_SIZE } from '../../search/postgres-score.ts';
import { adjacentSwaps, parseQueryText } from '../../search/query-text.ts';
import { openTestDatabase, testDrivers } from '../helpers/db.ts';
import { seedCatalog, type SeededCatalog, type SeedProduct } from '../helpers/seed-catalog.ts';
import { currencyBehaviour, HOSTILE_QUERIES, searchBehaviour } from './search-behaviour.ts';

/**
 * A database of its own for one describe block: `catalog` seeded and indexed before its tests,
 * dropped after them. Read `handle` and `seeded` inside tests (they are set by beforeAll).
 */
function seededDatabase(driver: DriverName, catalog: SeedProduct[]): { handle: DbHandle; seeded: SeededCatalog } {
  const db = {} as { handle: DbHandle; seeded: SeededCatalog };
  beforeAll(async () => {
    db.handle = await openTestDatabase(driver);
    db.seeded = await seedCatalog(db.handle.db, catalog);
    await refreshAllProductSearch(db.handle.db);
  });
  afterAll(async () => {
    await db.handle?.close();
  });
  return db;
}

const SONY_ALPHA: SeedProduct = { key: 'alpha', title: 'Sony Alpha 7 IV Body', brand: 'Sony', category: 'Cameras', listings: [{ store: 'a', price: '2199' }] };
const REDMI: SeedProduct = { key: 'redmi', title: 'Xiaomi Redmi Note 13 Pro', brand: 'Xiaomi', category: 'Phones', listings: [{ store: 'a', price: '299' }] };
const SONOS: SeedProduct = { key: 'sonos', title: 'Sonos Era 100 Speaker', brand: 'Sonos', category: 'Speakers', listings: [{ store: 'b', price: '249' }] };

describe.each(testDrivers)('postgres search engine (%s)', (driver) => {
  searchBehaviour(`postgres on ${driver}`, async () => {
    const handle = await openTestDatabase(driver);
    return { db: handle.db, engine: createPostgresSearch(handle.db), close: () => handle.close() };
  });

  currencyBehaviour(`postgres on ${driver}`, async () => {
    const handle = await openTestDatabase(driver);
    return { db: handle.db, engine: createPostgresSearch(handle.db), close: () => handle.close() };
  });

  describe('accessories', () => {
    // The case is sold by more stores, so popularity alone would put it first.
    const db = seededDatabase(driver, [
      { key: 'phone', title: 'Samsung Galaxy S24 128GB Onyx Black', brand: 'Samsung', category: 'Phones', listings: [{ store: 'a', price: '799' }] },
      {
        key: 'case',
        title: 'Spigen Liquid Air Case for Samsung Galaxy S24, Black',
        brand: 'Spigen',
        category: 'Accessories',
        listings: [{ store: 'a', price: '15' }, { store: 'b', price: '14' }, { store: 'c', price: '16' }],
      },
    ]);

    it('ranks the device above accessories for it, unless an accessory is asked for', async () => {
      const { handle, seeded } = db;
      const engine = createPostgresSearch(handle.db);
      const ids = async (q: string) => (await engine.search({ q })).hits.map((h) => h.productId);
      expect(await ids('samsung galaxy s24')).toEqual([seeded.productIds.phone, seeded.productIds.case]);
      expect((await ids('galaxy s24 case'))[0]).toBe(seeded.productIds.case);
    });
  });

  describe('typo passes', () => {
    const db = seededDatabase(driver, [SONY_ALPHA, REDMI, SONOS]);

    it('finds words with two letters swapped, which trigrams miss', async () => {
      const { handle, seeded } = db;
      const engine = createPostgresSearch(handle.db);
      expect((await engine.search({ q: 'snoy alhpa ' })).hits.map((h) => h.productId)).toEqual([seeded.productIds.alpha]);
      expect((await engine.search({ q: 'xiaomi rdemi' })).hits.map((h) => h.productId)).toEqual([seeded.productIds.redmi]);
    });

    it('prefers exact words over typo matches', async () => {
      const { handle, seeded } = db;
      const engine = createPostgresSearch(handle.db);
      // "sonos" is exact for the speaker and one swap from nothing else; "sony" must not leak in.
      expect((await engine.search({ q: 'sonos' })).hits.map((h) => h.productId)).toEqual([seeded.productIds.sonos]);
    });

    it('survives exotic letters and digits in every pass', async () => {
      const { handle } = db;
      const engine = createPostgresSearch(handle.db);
      for (const q of ['² ½ ⅷ ٣ 𝟘 ǅ', 'ǅǅǅǅ ⅷⅷⅷⅷ', ...HOSTILE_QUERIES]) {
        await expect(engine.search({ q }), q.slice(0, 30)).resolves.toMatchObject({ engine: 'postgres' });
      }
    });
  });

  describe('short queries and the answer cache', () => {
    const db = seededDatabase(driver, [
      SONY_ALPHA,
      SONOS,
      REDMI,
      { key: 'pixel', title: 'Google Pixel 8 128GB', brand: 'Google', category: 'Phones', listings: [{ store: 'b', price: '599' }] },
    ]);

    it('answers one and two letters as word prefixes, without a trigram pass', async () => {
      const { handle, seeded } = db;
      const engine = createPostgresSearch(handle.db, { cache: false });
      const ids = async (q: string) => new Set((await engine.search({ q })).hits.map((h) => h.productId));
      expect(await ids('so')).toEqual(new Set([seeded.productIds.alpha, seeded.productIds.sonos]));
      expect(await ids('x')).toEqual(new Set([seeded.productIds.redmi]));
      expect(await ids('qx')).toEqual(new Set());
      expect((await engine.search({ q: 'r', filters: { category: ['Phones'] } })).total).toBe(1);
    });

    it('serves a repeated query from the cache until a sync through the engine', async () => {
      const { handle, seeded } = db;
      const engine = createPostgresSearch(handle.db);
      const id = seeded.productIds.pixel;
      expect((await engine.search({ q: 'pixel' })).total).toBe(1);
      // Another process (a crawl worker) writes the documents: this engine learns of it only
      // after its TTL, as the HTTP cache of the search page would serve it anyway.
      await handle.db.update(listings).set({ status: 'gone' }).where(eq(listings.productId, id));
      await refreshProductSearch(handle.db, [id]);
      expect((await engine.search({ q: 'pixel' })).total).toBe(1);
      expect((await createPostgresSearch(handle.db, { cache: false }).search({ q: 'pixel' })).total).toBe(0);
      // A sync through this engine forgets every answer at once.
      await handle.db.update(listings).set({ status: 'active' }).where(eq(listings.productId, id));
      await engine.syncProducts([id]);
      const fresh = await engine.search({ q: 'pixel' });
      expect(fresh.total).toBe(1);
      expect(fresh.hits[0].productId).toBe(id);
    });

    it('forgets cached answers after the TTL, and after a reindex', async () => {
      const { handle, seeded } = db;
      let clock = 0;
      const engine = createPostgresSearch(handle.db, { cache: { ttlMs: 5_000, now: () => clock } });
      const id = seeded.productIds.sonos;
      expect((await engine.search({ q: 'sonos era' })).total).toBe(1);
      await handle.db.update(listings).set({ status: 'gone' }).where(eq(listings.productId, id));
      await refreshProductSearch(handle.db, [id]);
      clock = 4_999;
      expect((await engine.search({ q: 'sonos era' })).total).toBe(1);
      clock = 5_000;
      expect((await engine.search({ q: 'sonos era' })).total).toBe(0);
      await handle.db.update(listings).set({ status: 'active' }).where(eq(listings.productId, id));
      await refreshProductSearch(handle.db, [id]);
      expect((await engine.search({ q: 'sonos era' })).total).toBe(0);
      await engine.reindexAll();
      expect((await engine.search({ q: 'sonos era' })).total).toBe(1);
    });
  });

  describe('pages beyond the scored pool', () => {
    const COUNT = POOL_SIZE + 30;
    // Popularity (store count) cycles 1–3 and every fourth product is out of stock, so the
    // pool's order (store count, id) and the order after it (store count, stock, id) differ.
    const products: SeedProduct[] = Array.from({ length: COUNT }, (_, i) => ({
      key: `w${i}`,
      title: `Widget Model ${i}`,
      category: 'Widgets',
      listings: ['a', 'b', 'c'].slice(0, 1 + (i % 3)).map((store) => ({
        store,
        price: '10',
        availability: i % 4 === 0 ? ('out_of_stock' as const) : ('in_stock' as const),
      })),
    }));
    const db = seededDatabase(driver, products);

    it('ranks the most popular POOL_SIZE matches first, then the others by popularity, without gaps or repeats', async () => {
      const { handle, seeded } = db;
      const catalog = products.map((p, i) => ({ id: seeded.productIds[p.key], stores: 1 + (i % 3), inStock: i % 4 !== 0 }));
      const engine = createPostgresSearch(handle.db, { cache: false });
      const pages = await Promise.all(
        Array.from({ length: Math.ceil(COUNT / 50) }, (_, i) => engine.search({ q: 'widget', page: i + 1, perPage: 50 })),
      );
      expect(pages.every((p) => p.total === COUNT)).toBe(true);
      const ids = pages.flatMap((p) => p.hits.map((h) => h.productId));
      expect(new Set(ids).size).toBe(COUNT);
      const byPopularity = [...catalog].sort((x, y) => y.stores - x.stores || x.id - y.id);
      const pool = new Set(byPopularity.slice(0, POOL_SIZE).map((p) => p.id));
      expect(new Set(ids.slice(0, POOL_SIZE))).toEqual(pool);
      const rest = catalog
        .filter((p) => !pool.has(p.id))
        .sort((x, y) => y.stores - x.stores || Number(y.inStock) - Number(x.inStock) || x.id - y.id)
        .map((p) => p.id);
      expect(ids.slice(POOL_SIZE)).toEqual(rest);
      // A page that straddles the end of the pool is the same slice of that order.
      const straddling = await engine.search({ q: 'widget', page: 17, perPage: 30 });
      expect(straddling.hits.map((h) => h.productId)).toEqual(ids.slice(480, 510));
    });
  });
});

describe('matchModes', () => {
  it('tries swaps only for words that have them, and trigrams only from three characters', () => {
    expect(matchModes(parseQueryText(''))).toEqual(['exact']);
    expect(matchModes(parseQueryText('s'))).toEqual(['exact']);
    expect(matchModes(parseQueryText('qx'))).toEqual(['exact']);
    expect(matchModes(parseQueryText('tv4'))).toEqual(['exact', 'fuzzy']);
    expect(matchModes(parseQueryText('a b'))).toEqual(['exact', 'fuzzy']);
    expect(matchModes(parseQueryText('snoy alhpa'))).toEqual(['exact', 'swapped', 'fuzzy']);
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
