import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '../../../db/client.ts';
import { listings, matchDecisions, productSearch, products, stores } from '../../../db/schema.ts';
import { matchListings, mergeListings } from '../../../crawlers/match/index.ts';
import { applyPendingDecisions, startDecisionApplier } from '../../../crawlers/schedule/decision-applier.ts';
import { listPendingMatchDecisions, recordPendingMatchDecisions } from '../../../db/queries/match-decisions.ts';
import { listListingIdsByProduct } from '../../../db/queries/product-matching.ts';
import { createPostgresSearch } from '../../../search/index.ts';
import type { SearchEngine } from '../../../search/types.ts';
import { openTestDatabase, testDrivers } from '../../helpers/db.ts';

type NewRow = { store: string; title: string; brand?: string };

describe.each(testDrivers)('applying pending match decisions (%s)', (driver) => {
  let handle: DbHandle;
  let search: SearchEngine;
  let n = 0;
  beforeEach(async () => {
    handle = await openTestDatabase(driver);
    search = createPostgresSearch(handle.db, { cache: false });
    await handle.db.insert(stores).values(
      ['s1', 's2', 's3'].map((id) => ({ id, name: id, baseUrl: `https://${id}.test`, currency: 'EUR', sourceKind: 'jsonld' })),
    );
  });
  afterEach(async () => {
    await search.close();
    await handle.close();
  });

  async function add(rows: NewRow[]): Promise<number[]> {
    const created = await handle.db
      .insert(listings)
      .values(rows.map((r) => ({ storeId: r.store, url: `https://${r.store}.test/p/${(n += 1)}`, title: r.title, brand: r.brand ?? null, price: '100.00', currency: 'EUR' })))
      .returning({ id: listings.id });
    return created.map((c) => c.id);
  }

  async function productOf(listingId: number): Promise<number | null> {
    const [row] = await handle.db.select({ p: listings.productId }).from(listings).where(eq(listings.id, listingId));
    return row.p;
  }

  async function searchDocument(productId: number) {
    const [row] = await handle.db.select().from(productSearch).where(eq(productSearch.productId, productId));
    return row;
  }

  const catalogue: NewRow[] = [
    { store: 's3', title: 'Logitech MX Master 3S Wireless Mouse Graphite' },
    { store: 's3', title: 'Dell UltraSharp U2723QE 27 4K USB-C Monitor' },
    { store: 's1', title: 'Canon EOS R50 Mirrorless Camera Body 5811C002' },
    { store: 's2', title: 'Canon EOS R50 Mirrorless Camera Body 5811C002' },
    { store: 's3', title: 'Canon EOS R50 body 5811C002 black' },
    { store: 's1', title: 'Nikon Zfc retro camera 20.9MP' },
    { store: 's2', title: 'Nikon Zfc Mirrorless 20.9 MP silver' },
  ];

  async function seed() {
    const ids = await add(catalogue);
    await matchListings(handle.db);
    await search.reindexAll();
    const [, , canon1, canon2, canon3, nikon1, nikon2] = ids;
    return { canon1, canon2, canon3, nikon1, nikon2 };
  }

  it('splits a listing off its product, refreshes search, and marks the decision applied', async () => {
    const { canon1, canon2, canon3 } = await seed();
    const canon = (await productOf(canon1))!;
    expect(await listListingIdsByProduct(handle.db, canon)).toEqual([canon1, canon2, canon3]);
    expect((await searchDocument(canon)).storeCount).toBe(3);

    await recordPendingMatchDecisions(handle.db, [{ kind: 'split', subjectListingId: canon3, otherListingIds: [canon1, canon2] }]);
    expect(await productOf(canon3)).toBe(canon); // nothing moves before the applier runs

    const summary = await applyPendingDecisions(handle.db, { search });
    expect(summary).toMatchObject({ decisions: 2, listingsMatched: 1 });
    expect(await listListingIdsByProduct(handle.db, canon)).toEqual([canon1, canon2]);
    const own = (await productOf(canon3))!;
    expect(own).not.toBe(canon);
    expect(summary.affectedProductIds).toEqual(expect.arrayContaining([canon, own]));
    expect((await searchDocument(canon)).storeCount).toBe(2);
    expect((await searchDocument(own)).storeIds).toEqual(['s3']);
    expect((await listPendingMatchDecisions(handle.db)).decisions).toEqual([]);

    // Nothing pending: a second call does nothing; later matching runs respect the split.
    expect(await applyPendingDecisions(handle.db, { search })).toMatchObject({ decisions: 0, listingsMatched: 0 });
    await matchListings(handle.db, { listingIds: [canon3, canon1] });
    expect(await productOf(canon3)).not.toBe(await productOf(canon1));
  });

  it('refreshes the product split from on the next run when the search update failed', async () => {
    const { canon1, canon2, canon3 } = await seed();
    const canon = (await productOf(canon1))!;
    await recordPendingMatchDecisions(handle.db, [{ kind: 'split', subjectListingId: canon3, otherListingIds: [canon1, canon2] }]);
    // The real engine, with its first update failing (a search server that is briefly down).
    let failures = 1;
    const flaky: SearchEngine = {
      ...search,
      syncProducts: async (ids) => {
        if (failures-- > 0) throw new Error('search is down');
        return search.syncProducts(ids);
      },
    };
    await expect(applyPendingDecisions(handle.db, { search: flaky })).rejects.toThrow('search is down');
    expect((await listPendingMatchDecisions(handle.db)).decisions).toHaveLength(2);
    expect((await searchDocument(canon)).storeCount).toBe(3); // stale for now

    await applyPendingDecisions(handle.db, { search: flaky });
    expect((await listPendingMatchDecisions(handle.db)).decisions).toEqual([]);
    expect((await searchDocument(canon)).storeCount).toBe(2);
    expect((await searchDocument((await productOf(canon3))!)).storeIds).toEqual(['s3']);
  });

  it('merges every listing of another product into this one, keeping this product', async () => {
    const { canon1, canon2, canon3, nikon1, nikon2 } = await seed();
    await recordPendingMatchDecisions(handle.db, [{ kind: 'split', subjectListingId: canon3, otherListingIds: [canon1, canon2] }]);
    await applyPendingDecisions(handle.db, { search });
    const canon = (await productOf(canon1))!;
    const other = (await productOf(canon3))!;
    // The Nikon listings are a product of their own (or two): untouched by the merge below.
    const nikon = [await productOf(nikon1), await productOf(nikon2)];

    await recordPendingMatchDecisions(handle.db, [{ kind: 'merge', subjectListingId: canon3, otherListingIds: [canon1, canon2] }]);
    const summary = await applyPendingDecisions(handle.db, { search });
    expect(summary.decisions).toBe(2);
    expect(await listListingIdsByProduct(handle.db, canon)).toEqual([canon1, canon2, canon3]);
    expect(await handle.db.select().from(products).where(eq(products.id, other))).toEqual([]);
    expect(await searchDocument(other)).toBeUndefined();
    expect((await searchDocument(canon)).storeCount).toBe(3);
    expect([await productOf(nikon1), await productOf(nikon2)]).toEqual(nikon);
    const rows = await handle.db.select().from(matchDecisions);
    expect(rows.every((r) => r.kind === 'merge' && r.source === 'admin' && r.appliedAt !== null)).toBe(true);
  });

  it('leaves decisions made through the CLI alone: they were applied when recorded', async () => {
    const { canon1, nikon1 } = await seed();
    await mergeListings(handle.db, nikon1, { listingIds: [canon1] });
    expect(await productOf(nikon1)).toBe(await productOf(canon1));
    expect(await applyPendingDecisions(handle.db)).toMatchObject({ decisions: 0 });
  });

  it('runs on a timer until stopped', async () => {
    const { canon1, canon2, canon3 } = await seed();
    await recordPendingMatchDecisions(handle.db, [{ kind: 'split', subjectListingId: canon3, otherListingIds: [canon1, canon2] }]);
    const applier = startDecisionApplier({ db: handle.db, search, everySeconds: 1 });
    try {
      const deadline = Date.now() + 10_000;
      while ((await listPendingMatchDecisions(handle.db)).decisions.length > 0 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      await applier.stop();
    }
    expect(await productOf(canon3)).not.toBe(await productOf(canon1));
    expect(() => startDecisionApplier({ db: handle.db, everySeconds: 7 })).toThrow(/divisor of 60/);
  });
});
