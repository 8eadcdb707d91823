// "From" prices and currencies on the pages and the API: the lowest buyable total, in the currency
// shown, on the search page, the product page, the product and barcode API; other currencies apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshProductSearch } from '../../db/queries/product-search.ts';
import { products } from '../../db/schema.ts';
import { eq } from 'drizzle-orm';
import { currencyCatalog, seedCatalog, type SeededCatalog } from '../helpers/seed-catalog.ts';
import { gtinFrom } from '../helpers/site-seed.ts';
import { startSeededSite, type RunningSite } from './site-server.ts';

const MIXED_GTIN = gtinFrom('471234567890');

describe('currencies on the site', () => {
  let site: RunningSite;
  let seeded: SeededCatalog;
  const html = async (path: string) => {
    const response = await fetch(`${site.url}${path}`);
    expect(response.status, path).toBe(200);
    return response.text();
  };
  const api = async (path: string) => (await fetch(`${site.url}${path}`)).json();

  beforeAll(async () => {
    site = await startSeededSite('pglite');
    seeded = await seedCatalog(site.handle.db, currencyCatalog);
    await site.handle.db.update(products).set({ gtins: [MIXED_GTIN] }).where(eq(products.id, seeded.productIds.mixed));
    await refreshProductSearch(site.handle.db, Object.values(seeded.productIds));
  }, 240_000);
  afterAll(async () => {
    await site?.close();
  });

  it('says "from" with the only buyable offer when the cheaper one is out of stock', async () => {
    const search = await html('/search?q=redmi+buds');
    expect(search).toContain('from ₹2,699.00');
    expect(search).not.toContain('42.94');
    const page = await html(`/p/${seeded.productIds.mixed}`);
    expect(page).toMatch(/From ₹2,699\.00/);
    const product = await api(`/api/products/${seeded.productIds.mixed}`);
    expect(product.lowest).toEqual({ total: '2699', currency: 'INR' });
    const byBarcode = await api(`/api/gtin/${MIXED_GTIN}`);
    expect(byBarcode.lowest).toEqual(product.lowest);
  });

  it('says so when nothing can be bought, instead of quoting a sold-out price', async () => {
    const search = await html('/search?q=sony+wf-c500');
    expect(search).toContain('Not buyable now');
    expect(search).not.toContain('€5.00');
    const page = await html(`/p/${seeded.productIds.soldOut}`);
    expect(page).toContain('No store can sell it now');
    expect((await api(`/api/products/${seeded.productIds.soldOut}`)).lowest).toBeNull();
  });

  it('sorts by price within the chosen currency and shows the rest apart', async () => {
    const inr = await html('/search?q=&sort=price&currency=inr');
    const [first, rest] = inr.split('Not buyable in INR now');
    expect(rest, 'a separate group').toBeDefined();
    expect(first).toContain('boAt Airdopes 141');
    expect(first).not.toContain('Anker Nano');
    expect(rest).toContain('Anker Nano');
    expect(inr).toMatch(/<option value="INR" selected[^>]*>INR/);
    const json = await api('/api/search?q=&sort=price&currency=INR');
    expect(json.currency).toBe('INR');
    expect(json.facets.currency.map((f: { value: string }) => f.value)).toEqual(['EUR', 'INR']);
  });

  it('refuses a currency that is not a code, with a 400', async () => {
    for (const currency of ['EURO', '€', 'E1']) {
      const response = await fetch(`${site.url}/search?q=x&currency=${encodeURIComponent(currency)}`);
      await response.text();
      expect(response.status, currency).toBe(400);
    }
  });
});
