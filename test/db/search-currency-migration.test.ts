// Upgrading to per-currency search prices: existing search rows are backfilled by the migration,
// so "from" prices stay right (buyable only, per currency) before the next crawl refreshes them.
import { rmSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { applyMigrations } from '../../db/migrate.ts';
import { testDrivers } from '../helpers/db.ts';
import { migrateWith, migrationsUpTo, openBlankDatabase } from '../helpers/migrations.ts';

describe.each(testDrivers)('upgrading product_search to per-currency prices on %s', (driver) => {
  const folders: string[] = [];
  afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

  it('backfills currencies, buyable prices, the main currency and the "from" figures', async () => {
    const handle = await openBlankDatabase(driver);
    try {
      const old = migrationsUpTo('0011_money_check_constraints');
      folders.push(old);
      await migrateWith(handle, old);
      await handle.db.execute(sql`INSERT INTO stores (id, name, base_url, currency, source_kind) VALUES
        ('eu', 'EU', 'https://eu.example/', 'EUR', 'jsonld'), ('in', 'IN', 'https://in.example/', 'INR', 'jsonld')`);
      await handle.db.execute(sql`INSERT INTO products (id, title) VALUES (1, 'Mixed'), (2, 'Sold out')`);
      await handle.db.execute(sql`INSERT INTO listings (store_id, url, title, price, shipping_cost, currency, availability, product_id) VALUES
        ('eu', 'https://eu.example/a', 'Mixed', 42.94, 0, 'EUR', 'out_of_stock', 1),
        ('eu', 'https://eu.example/b', 'Mixed', 50, 0, 'EUR', 'discontinued', 1),
        ('in', 'https://in.example/a', 'Mixed', 2699, 10, 'INR', 'in_stock', 1),
        ('eu', 'https://eu.example/c', 'Sold out', 5, 0, 'EUR', 'out_of_stock', 2)`);
      // What the old refresh wrote: the commonest currency of all offers, out-of-stock prices as "from".
      await handle.db.execute(sql`INSERT INTO product_search (product_id, title, search_text, lowest_price, lowest_total, currency, in_stock) VALUES
        (1, 'Mixed', 'mixed', 42.94, 42.94, 'EUR', true), (2, 'Sold out', 'sold out', 5, 5, 'EUR', false)`);

      await applyMigrations(handle);

      const rows = await queryRows<Record<string, unknown>>(
        handle.db,
        sql`SELECT product_id::int AS id, currencies, buyable_prices, trim(currency) AS currency,
                   lowest_price::text AS lowest_price, lowest_total::text AS lowest_total, in_stock
              FROM product_search ORDER BY product_id`,
      );
      expect(rows.map((row) => ({ ...row, buyable_prices: typeof row.buyable_prices === 'string' ? JSON.parse(row.buyable_prices) : row.buyable_prices }))).toEqual([
        { id: 1, currencies: ['EUR', 'INR'], buyable_prices: { INR: { price: '2699', total: '2709' } }, currency: 'INR', lowest_price: '2699.0000', lowest_total: '2709.0000', in_stock: true },
        { id: 2, currencies: ['EUR'], buyable_prices: {}, currency: 'EUR', lowest_price: null, lowest_total: null, in_stock: false },
      ]);
    } finally {
      await handle.close();
    }
  });
});
