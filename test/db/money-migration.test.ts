// Upgrading a database that holds money values the new check constraints refuse: the migrations
// must not fail, and must lose nothing valid (listings and observations stay, only bad values become NULL).
import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { applyMigrations } from '../../db/migrate.ts';
import { testDrivers } from '../helpers/db.ts';
import { migrateWith, migrationsUpTo, openBlankDatabase } from '../helpers/migrations.ts';

/** The last migration before the money constraints: the schema a live database may still be on. */
const BEFORE_MONEY_RULE = '0009_match_decisions_applied_at';

describe.each(testDrivers)('upgrading to the money constraints on %s', (driver) => {
  const folders: string[] = [];
  afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  it('keeps every listing and observation, and NULLs only the values the constraints refuse', async () => {
    const handle = await openBlankDatabase(driver);
    try {
      const old = migrationsUpTo(BEFORE_MONEY_RULE);
      folders.push(old);
      await migrateWith(handle, old);
      await handle.db.execute(sql`INSERT INTO stores (id, name, base_url, currency, source_kind) VALUES ('shop', 'Shop', 'https://shop.example/', 'EUR', 'jsonld')`);
      // What the old rule (price > 0, nothing on the other columns) let in.
      await handle.db.execute(sql`INSERT INTO listings (id, store_id, url, title, price, list_price, shipping_cost) VALUES
        (1, 'shop', 'https://shop.example/ok', 'Fine', 12.5, 15, 0),
        (2, 'shop', 'https://shop.example/huge', 'Huge', 1e12, -3, 2e10),
        (3, 'shop', 'https://shop.example/tiny-list', 'Tiny list', 10, 0, -1)`);
      await handle.db.execute(sql`INSERT INTO price_observations (listing_id, price, shipping_cost, availability) VALUES
        (1, 12.5, 0, 'in_stock'), (2, 1e12, 2e10, 'in_stock'), (3, 0, -1, 'in_stock')`);

      await applyMigrations(handle);

      const listings = await queryRows<Record<string, string | null>>(
        handle.db,
        sql`SELECT url, price::text AS price, list_price::text AS list_price, shipping_cost::text AS shipping_cost FROM listings ORDER BY id`,
      );
      expect(listings).toEqual([
        { url: 'https://shop.example/ok', price: '12.5000', list_price: '15.0000', shipping_cost: '0.0000' },
        { url: 'https://shop.example/huge', price: null, list_price: null, shipping_cost: null },
        { url: 'https://shop.example/tiny-list', price: '10.0000', list_price: null, shipping_cost: null },
      ]);
      const observations = await queryRows<Record<string, string | null>>(
        handle.db,
        sql`SELECT listing_id::text AS listing, price::text AS price, shipping_cost::text AS shipping_cost FROM price_observations ORDER BY listing_id`,
      );
      expect(observations).toEqual([
        { listing: '1', price: '12.5000', shipping_cost: '0.0000' },
        { listing: '2', price: null, shipping_cost: null },
        { listing: '3', price: null, shipping_cost: null },
      ]);
    } finally {
      await handle.close();
    }
  });
});
