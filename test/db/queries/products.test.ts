import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '../../../db/client.ts';
import {
  assignListingsToProducts,
  countMatchKeys,
  createProducts,
  deleteProductsWithoutListings,
  findMatchCandidates,
  hasListingsWithoutMatchKeys,
  listMatchableListingsByIds,
  finishMatchRun,
  getLastFinishedMatchRun,
  getLatestStoreOverlap,
  getProductIdsOfListings,
  listListingIdsByProduct,
  listMatchableListings,
  listMatchDecisions,
  recordMatchDecisions,
  replaceListingMatchKeys,
  startMatchRun,
  updateProductFields,
} from '../../../db/queries/product-matching.ts';
import { listings, products, stores } from '../../../db/schema.ts';
import { openTestDatabase, testDrivers } from '../../helpers/db.ts';

describe.each(testDrivers)('product queries on %s', (driver) => {
  let handle: DbHandle;
  let ids: number[];
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    await handle.db.insert(stores).values({ id: 's1', name: 'Store 1', baseUrl: 'https://s1.test', currency: 'EUR', sourceKind: 'jsonld' });
    const rows = await handle.db
      .insert(listings)
      .values([
        { storeId: 's1', url: 'https://s1.test/a', title: 'Phone A 128GB', price: '199.00' },
        { storeId: 's1', url: 'https://s1.test/b', title: 'Phone B', status: 'gone' },
        { storeId: 's1', url: 'https://s1.test/c', title: 'Phone C' },
      ])
      .returning({ id: listings.id });
    ids = rows.map((r) => r.id);
  });
  afterAll(() => handle.close());

  it('lists matchable listings without gone ones', async () => {
    const rows = await listMatchableListings(handle.db);
    expect(rows.map((r) => r.id)).toEqual([ids[0], ids[2]]);
    expect(rows[0]).toMatchObject({ storeId: 's1', title: 'Phone A 128GB', price: '199.0000', productId: null });
  });

  it('creates products, links listings without touching updated_at, and rewrites canonical fields', async () => {
    const [p1, p2] = await createProducts(handle.db, [
      { title: 'Phone A', brand: null, model: null, gtins: [], category: null, image: null },
      { title: 'Phone C', brand: null, model: null, gtins: [], category: null, image: null },
    ]);
    const [before] = await handle.db.select().from(listings).where(eq(listings.id, ids[0]));
    await assignListingsToProducts(handle.db, [
      { listingId: ids[0], productId: p1, method: 'similarity', confidence: 0.8 },
      { listingId: ids[2], productId: p1, method: 'model', confidence: 0.9 },
    ]);
    const [after] = await handle.db.select().from(listings).where(eq(listings.id, ids[0]));
    expect(after).toMatchObject({ productId: p1, matchMethod: 'similarity' });
    expect(after.matchConfidence).toBeCloseTo(0.8);
    expect(after.updatedAt).toEqual(before.updatedAt);
    expect(await listListingIdsByProduct(handle.db, p1)).toEqual([ids[0], ids[2]]);
    expect(await getProductIdsOfListings(handle.db, [ids[0], ids[1], ids[2]])).toEqual([p1]);

    await updateProductFields(handle.db, [
      { id: p1, title: 'Phone A 128 GB', brand: 'Acme', model: 'A1', gtins: ['00012345678905'], category: 'Phones', image: null },
    ]);
    const [product] = await handle.db.select().from(products).where(eq(products.id, p1));
    expect(product).toMatchObject({ title: 'Phone A 128 GB', brand: 'Acme', model: 'A1', gtins: ['00012345678905'], category: 'Phones' });

    expect(await deleteProductsWithoutListings(handle.db, [p1, p2])).toEqual([p2]);
  });

  it('keeps one decision per listing pair, the newest winning', async () => {
    await recordMatchDecisions(handle.db, 'split', [[ids[2], ids[0]]]);
    await recordMatchDecisions(handle.db, 'merge', [[ids[0], ids[2]]]);
    const decisions = await listMatchDecisions(handle.db);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ kind: 'merge', listingId: ids[0], otherListingId: ids[2] });
  });

  it('stores matching keys and finds candidates by shared rare and identifier keys', async () => {
    expect(await hasListingsWithoutMatchKeys(handle.db, 'v:1')).toBe(true);
    expect(await hasListingsWithoutMatchKeys(handle.db, 'v:1', [ids[0], ids[2]])).toBe(false);
    await replaceListingMatchKeys(handle.db, [
      { listingId: ids[0], keys: ['v:1', 'phone', 'k:a128', 'old'] },
      { listingId: ids[2], keys: ['v:1', 'phone', 'c'] },
    ]);
    await replaceListingMatchKeys(handle.db, [{ listingId: ids[0], keys: ['v:1', 'phone', 'k:a128'] }]);
    expect(await hasListingsWithoutMatchKeys(handle.db, 'v:1')).toBe(false);
    expect(await countMatchKeys(handle.db, ['phone', 'v:1', 'old', 'absent'])).toEqual(new Map([['phone', 2], ['v:1', 2]]));

    const search = { perListing: 5, identifierPrefixes: ['k:'] };
    const batch = [{ listingId: ids[2], keys: ['phone', 'k:a128'] }];
    expect(await findMatchCandidates(handle.db, { ...search, batch, maxPosting: 10 })).toEqual([ids[0]]);
    // A key held by more listings than maxPosting is skipped; the rarer identifier key still finds the listing.
    expect(await findMatchCandidates(handle.db, { ...search, batch: [{ listingId: ids[2], keys: ['phone'] }], maxPosting: 1 })).toEqual([]);
    expect(await findMatchCandidates(handle.db, { ...search, batch, maxPosting: 1 })).toEqual([ids[0]]);
    expect((await listMatchableListingsByIds(handle.db, [ids[0], ids[1], 999_999])).map((r) => r.id)).toEqual([ids[0]]);
  });

  it('finds the last finished run', async () => {
    expect(await getLastFinishedMatchRun(handle.db)).toBeUndefined();
    const run = await startMatchRun(handle.db, 'incremental');
    await startMatchRun(handle.db, 'rebuild');
    await finishMatchRun(handle.db, run.id, { listingsMatched: 2, productsCreated: 1, productsRemoved: 0 });
    expect(await getLastFinishedMatchRun(handle.db)).toMatchObject({ id: run.id, mode: 'incremental', listingsMatched: 2 });
  });

  it('keeps the store overlap of the latest run that recorded one', async () => {
    const full = await startMatchRun(handle.db, 'rebuild');
    await finishMatchRun(handle.db, full.id, { listingsMatched: 3, productsCreated: 1, productsRemoved: 0, storeOverlap: { 's1|s2': 0.8 } });
    const batch = await startMatchRun(handle.db, 'incremental');
    await finishMatchRun(handle.db, batch.id, { listingsMatched: 1, productsCreated: 0, productsRemoved: 0 });
    expect(await getLatestStoreOverlap(handle.db)).toEqual({ 's1|s2': 0.8 });
  });

  it('rejects ids that are not positive integers', async () => {
    await expect(deleteProductsWithoutListings(handle.db, [0])).rejects.toThrow(/positive integer ids, got 0/);
  });
});
