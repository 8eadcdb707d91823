// The status page and /api/status on the built site, on both databases: each store's reading ages,
// what is due and when the next visits come, escaped; public and read-only (405 otherwise).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordListingVisits, recordRevisitPlans, markRevisitTicks } from '../../db/queries/crawling/freshness.ts';
import { upsertStores } from '../../db/queries/stores.ts';
import { queryRows } from '../../db/client.ts';
import { sql } from 'drizzle-orm';
import { testDrivers } from '../helpers/db.ts';
import { XSS_TITLE } from '../helpers/site-seed.ts';
import { startSeededSite, type RunningSite } from './site-server.ts';

describe.each(testDrivers)('the status page on %s', (driver) => {
  let site: RunningSite;
  const get = (path: string, init: RequestInit = {}) => fetch(`${site.url}${path}`, { redirect: 'manual', ...init });

  beforeAll(async () => {
    site = await startSeededSite(driver);
    const { db } = site.handle;
    const now = new Date();
    await upsertStores(db, [{ id: 'evil', name: XSS_TITLE, baseUrl: 'https://evil.example', currency: 'EUR', sourceKind: 'jsonld', schedule: '*/5 * * * *' }]);
    await db.execute(sql`UPDATE stores SET schedule = '0 */6 * * *' WHERE id = 'alpha'`);
    // Alpha is revisited (its loop ticked just now), Delta is a feed read only on its cron.
    await recordRevisitPlans(db, [
      { storeId: 'alpha', revisited: true, tickSeconds: 20, requestsPerTick: 20 },
      { storeId: 'delta', revisited: false, tickSeconds: 20, requestsPerTick: 20 },
    ]);
    await markRevisitTicks(db, ['alpha', 'delta'], now);
    const alpha = await queryRows<{ id: string | number }>(db, sql`SELECT id FROM listings WHERE store_id = 'alpha'`);
    await recordListingVisits(db, { storeId: 'alpha', at: now, listingIds: alpha.map((row) => Number(row.id)) });
  }, 240_000);
  afterAll(async () => {
    await site?.close();
  });

  it('shows every store with its reading ages, next revisit, next full crawl and last crawl', async () => {
    const response = await get('/status');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    // Astro's scoping attributes aside.
    const html = (await response.text()).replace(/ data-astro-cid-\w+/g, '');
    const row = (storeId: string) => html.split(`data-store="${storeId}"`)[1]?.split('</tr>')[0] ?? '';
    expect(row('alpha')).toContain('Alpha Electronics');
    // Alpha's two listings were read just now; their first prices wait for a second reading: due in 30 s.
    expect(row('alpha')).toMatch(/<td>2<\/td> <td>\d+ s<\/td> <td>\d+ s<\/td> <td>0<\/td> <td>in 30 s<\/td> <td>in (\d+ h( \d+ min)?|\d+ min)<\/td>/);
    expect(row('alpha')).toMatch(/succeeded 1 h ago, 12 pages, 0 errors/);
    expect(row('delta')).toContain('only with the full crawl');
    expect(row('beta')).toContain('no revisits running');
    expect(row('beta')).toContain('never');
    // The next full crawl comes from the store's cron.
    expect(row('evil')).toMatch(/in (\d+ s|[1-5] min)/);
    // Scraped and configured names are text, never markup; no script at all.
    expect(html).not.toContain(XSS_TITLE);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toMatch(/<script\b/);
  });

  it('answers the same figures as JSON at /api/status', async () => {
    const response = await get('/api/status');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/json');
    const body = await response.json();
    expect(Date.parse(body.generatedAt)).not.toBeNaN();
    const alpha = body.stores.find((store: { storeId: string }) => store.storeId === 'alpha');
    expect(alpha).toMatchObject({ activeListings: 2, revisited: true, dueNow: 0, lastFullCrawl: { status: 'succeeded', pages: 12 } });
    expect(Date.parse(alpha.nextVisitAt)).toBeGreaterThan(Date.now());
    expect(body.stores.map((store: { storeId: string }) => store.storeId).sort()).toEqual(['alpha', 'beta', 'delta', 'evil', 'gamma']);
  });

  it('is public and read-only', async () => {
    for (const path of ['/status', '/api/status']) {
      const head = await get(path, { method: 'HEAD' });
      expect(head.status, path).toBe(200);
      expect(head.headers.get('set-cookie'), path).toBeNull();
      for (const method of ['POST', 'PUT', 'DELETE']) {
        const refused = await get(path, { method, headers: { origin: site.url } });
        expect(refused.status, `${method} ${path}`).toBe(405);
        expect(refused.headers.get('allow'), `${method} ${path}`).toBe('GET, HEAD');
        await refused.arrayBuffer();
      }
    }
    // A session cookie changes nothing: the page is the same for everyone.
    expect((await get('/status', { headers: { cookie: 'tulna_session=bogus' } })).status).toBe(200);
  });
});
