// The admin pages over real HTTP, on the built site and both drivers: off without a password,
// Basic auth, same-origin POSTs, POST-redirect-GET, the one-listing-per-store merge rule, escaping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPendingMatchDecisions } from '../../db/queries/match-decisions.ts';
import { listListingIdsByProduct } from '../../db/queries/product-matching.ts';
import { testDrivers } from '../helpers/db.ts';
import { XSS_TITLE } from '../helpers/site-seed.ts';
import { startSeededSite, type RunningSite } from './site-server.ts';

const PASSWORD = 'test admin password';
const AUTH = { Authorization: `Basic ${Buffer.from(`admin:${PASSWORD}`).toString('base64')}` };

describe.each(testDrivers)('admin pages on %s', (driver) => {
  let site: RunningSite;
  const previous = process.env.TULNA_ADMIN_PASSWORD;
  const get = (path: string, headers: Record<string, string> = AUTH) => fetch(`${site.url}${path}`, { redirect: 'manual', headers });
  const post = (path: string, form: Record<string, string>, headers: Record<string, string> = { ...AUTH, Origin: site.url }) =>
    fetch(`${site.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams(form).toString(),
    });

  beforeAll(async () => {
    site = await startSeededSite(driver);
  }, 240_000);
  afterAll(async () => {
    if (previous === undefined) delete process.env.TULNA_ADMIN_PASSWORD;
    else process.env.TULNA_ADMIN_PASSWORD = previous;
    await site?.close();
  });

  it('does not exist while TULNA_ADMIN_PASSWORD is unset', async () => {
    delete process.env.TULNA_ADMIN_PASSWORD;
    for (const path of ['/admin', `/admin/products/${site.seed.galaxyId}`]) {
      const response = await get(path);
      await response.arrayBuffer();
      expect(response.status, path).toBe(404);
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
    expect((await post(`/admin/products/${site.seed.galaxyId}`, { action: 'split', listing: '1' })).status).toBe(404);
  });

  it('asks for credentials, then shows a product\'s listings, never cached or indexed', async () => {
    process.env.TULNA_ADMIN_PASSWORD = PASSWORD;
    const anonymous = await get(`/admin/products/${site.seed.galaxyId}`, {});
    await anonymous.arrayBuffer();
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm=/);

    const page = await get(`/admin/products/${site.seed.galaxyId}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-robots-tag')).toMatch(/noindex/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const store of ['Alpha Electronics', 'Beta Shop', 'Gamma Direct', 'Delta Deals']) expect(html).toContain(store);
    expect(html.match(/Not this product/g)).toHaveLength(4);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);

    const xss = await (await get(`/admin/products/${site.seed.xssId}`)).text();
    expect(xss).not.toContain(XSS_TITLE);
    expect(xss).toContain('&lt;script&gt;');
    expect((await get('/admin/products/999999')).status).toBe(404);
  });

  it('refuses a POST from another origin', async () => {
    process.env.TULNA_ADMIN_PASSWORD = PASSWORD;
    const response = await post(`/admin/products/${site.seed.galaxyId}`, { action: 'split', listing: '1' }, { ...AUTH, Origin: 'https://evil.example' });
    await response.arrayBuffer();
    expect(response.status).toBe(403);
    expect((await listPendingMatchDecisions(site.handle.db)).decisions).toEqual([]);
  });

  it('records a split as pending and redirects to the saved page', async () => {
    process.env.TULNA_ADMIN_PASSWORD = PASSWORD;
    const [listing, ...others] = await listListingIdsByProduct(site.handle.db, site.seed.galaxyId);
    const response = await post(`/admin/products/${site.seed.galaxyId}`, { action: 'split', listing: String(listing) });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/admin/products/${site.seed.galaxyId}?saved=1`);
    const saved = await (await get(response.headers.get('location')!)).text();
    expect(saved).toContain('Saved — applied within a minute.');
    expect(saved).toContain('3 decision(s) waiting to be applied');
    const { decisions } = await listPendingMatchDecisions(site.handle.db);
    expect(decisions.map((d) => [d.kind, d.subjectListingId, d.source])).toEqual(others.map(() => ['split', listing, 'admin']));

    const index = await (await get('/admin')).text();
    expect(index.match(/>pending</g)).toHaveLength(3);
    expect(index).toContain(`href="/admin/products/${site.seed.galaxyId}"`);
    const open = await get('/admin?product=%23' + site.seed.iphoneId);
    expect(open.status).toBe(303);
    expect(open.headers.get('location')).toBe(`/admin/products/${site.seed.iphoneId}`);
  });

  it('refuses a merge that would put two listings of one store in a product, and records one that would not', async () => {
    process.env.TULNA_ADMIN_PASSWORD = PASSWORD;
    const refused = await post(`/admin/products/${site.seed.galaxyId}`, { action: 'merge', product: `#${site.seed.iphoneId}` });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toMatch(/both products have a listing from Alpha Electronics, Beta Shop/);
    const bad = await post(`/admin/products/${site.seed.galaxyId}`, { action: 'merge', product: 'abc' });
    expect(bad.status).toBe(400);
    await bad.arrayBuffer();

    const before = (await listPendingMatchDecisions(site.handle.db)).decisions.length;
    const merged = await post(`/admin/products/${site.seed.xssId}`, { action: 'merge', product: String(site.seed.singletonId) });
    expect(merged.status).toBe(303);
    const { decisions } = await listPendingMatchDecisions(site.handle.db);
    expect(decisions.length - before).toBe(1);
    expect(decisions.at(-1)).toMatchObject({ kind: 'merge', source: 'admin' });
  });
});
