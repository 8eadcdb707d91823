import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import type { DbHandle } from '../../../db/client.ts';
import {
  countPendingDecisionsOfProduct,
  findSharedStores,
  listPendingMatchDecisions,
  listRecentMatchDecisions,
  markMatchDecisionsApplied,
  recordPendingMatchDecisions,
} from '../../../db/queries/match-decisions.ts';
import { createProducts, recordMatchDecisions } from '../../../db/queries/product-matching.ts';
import { listings, matchDecisions, stores } from '../../../db/schema.ts';
import { openTestDatabase, testDrivers } from '../../helpers/db.ts';

describe.each(testDrivers)('match decision queries on %s', (driver) => {
  let handle: DbHandle;
  let ids: number[];
  let productA: number;
  let productB: number;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    await handle.db.insert(stores).values(
      ['s1', 's2', 's3'].map((id) => ({ id, name: `Store ${id}`, baseUrl: `https://${id}.test`, currency: 'EUR', sourceKind: 'jsonld' })),
    );
    [productA, productB] = await createProducts(handle.db, [{ title: 'Phone A' }, { title: 'Phone B' }]);
    const rows = await handle.db
      .insert(listings)
      .values([
        { storeId: 's1', url: 'https://s1.test/a', title: 'Phone A', productId: productA },
        { storeId: 's2', url: 'https://s2.test/a', title: 'Phone A <b>', productId: productA },
        { storeId: 's2', url: 'https://s2.test/b', title: 'Phone B', productId: productB },
        { storeId: 's3', url: 'https://s3.test/b', title: 'Phone B', productId: productB },
      ])
      .returning({ id: listings.id });
    ids = rows.map((r) => r.id);
  });
  afterAll(() => handle.close());

  it('records pending decisions as ordered pairs with their subject, and lists them', async () => {
    const recorded = await recordPendingMatchDecisions(handle.db, [
      { kind: 'split', subjectListingId: ids[1], otherListingIds: [ids[0], ids[1]] },
    ]);
    expect(recorded).toBe(1);
    const { decisions, asOf } = await listPendingMatchDecisions(handle.db);
    expect(decisions).toHaveLength(1);
    expect(decisions[0]).toMatchObject({ kind: 'split', listingId: ids[0], otherListingId: ids[1], subjectListingId: ids[1], source: 'admin', appliedAt: null });
    expect(asOf).toEqual(decisions[0].createdAt);
    expect(await countPendingDecisionsOfProduct(handle.db, productA)).toBe(1);
    expect(await countPendingDecisionsOfProduct(handle.db, productB)).toBe(0);
  });

  it('marks them applied, and no longer lists them as pending', async () => {
    const { decisions, asOf } = await listPendingMatchDecisions(handle.db);
    expect(await markMatchDecisionsApplied(handle.db, decisions.map((d) => d.id), asOf!)).toBe(1);
    expect((await listPendingMatchDecisions(handle.db)).decisions).toEqual([]);
    const [row] = await handle.db.select().from(matchDecisions).where(eq(matchDecisions.id, decisions[0].id));
    expect(row.appliedAt).toBeInstanceOf(Date);
  });

  it('keeps a decision pending when it was recorded again after being loaded', async () => {
    await recordPendingMatchDecisions(handle.db, [{ kind: 'merge', subjectListingId: ids[2], otherListingIds: [ids[0]] }]);
    const loaded = await listPendingMatchDecisions(handle.db);
    // The same pair decided again later (the upsert re-stamps created_at): not covered by the load.
    await handle.db.execute(sql`UPDATE match_decisions SET created_at = now() + interval '1 second' WHERE id = ${loaded.decisions[0].id}`);
    expect(await markMatchDecisionsApplied(handle.db, loaded.decisions.map((d) => d.id), loaded.asOf!)).toBe(0);
    expect((await listPendingMatchDecisions(handle.db)).decisions).toHaveLength(1);
  });

  it('counts decisions recorded by the CLI as applied, also when they replace a pending one', async () => {
    await recordMatchDecisions(handle.db, 'split', [[ids[0], ids[2]]]);
    expect((await listPendingMatchDecisions(handle.db)).decisions).toEqual([]);
    await recordMatchDecisions(handle.db, 'split', [[ids[3], ids[0]]]);
    const [cli] = await handle.db.select().from(matchDecisions).where(eq(matchDecisions.otherListingId, ids[3]));
    expect(cli).toMatchObject({ source: 'cli', subjectListingId: null });
    expect(cli.appliedAt).toBeInstanceOf(Date);
  });

  it('lists the latest decisions with their listings and products, newest first', async () => {
    const rows = await listRecentMatchDecisions(handle.db, 50);
    expect(rows.length).toBe(3);
    const split = rows.find((r) => r.listings[0].id === ids[0] && r.listings[1].id === ids[1])!;
    expect(split).toMatchObject({ kind: 'split', source: 'admin', subjectListingId: ids[1] });
    expect(split.appliedAt).toBeInstanceOf(Date);
    expect(split.listings[1]).toEqual({ id: ids[1], title: 'Phone A <b>', storeName: 'Store s2', productId: productA });
    expect(rows.map((r) => r.createdAt.getTime())).toEqual([...rows.map((r) => r.createdAt.getTime())].sort((a, b) => b - a));
    expect(await listRecentMatchDecisions(handle.db, 1)).toHaveLength(1);
  });

  it('finds the stores two products both have a listing from', async () => {
    expect(await findSharedStores(handle.db, productA, productB)).toEqual(['Store s2']);
    await handle.db.update(listings).set({ status: 'gone' }).where(eq(listings.id, ids[2]));
    expect(await findSharedStores(handle.db, productA, productB)).toEqual([]);
  });
});
