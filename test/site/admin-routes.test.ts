// The admin pages over real HTTP, on the built site and both drivers: only for a session of role
// admin (others: the login page, or 404), CSRF-checked same-origin POSTs, POST-redirect-GET, the
// one-listing-per-store merge rule, escaping.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../db/queries/accounts/accounts.ts';
import { listPendingMatchDecisions } from '../../db/queries/match-decisions.ts';
import { listListingIdsByProduct } from '../../db/queries/product-matching.ts';
import { clearAccountLimits } from '../../src/features/accounts/limits.ts';
import { testDrivers } from '../helpers/db.ts';
import { XSS_TITLE } from '../helpers/site-seed.ts';
import { startSeededSite, type RunningSite } from './site-server.ts';

const PASSWORD = 'test admin password';

describe.each(testDrivers)('admin pages on %s', (driver) => {
  let site: RunningSite;
  /** The admin's session cookie and the CSRF token its pages carry. */
  let admin: { cookie: string; csrf: string };
  let retailer: string;
  const get = (path: string, cookie = admin.cookie) => fetch(`${site.url}${path}`, { redirect: 'manual', headers: cookie ? { Cookie: cookie } : {} });
  const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}, withCsrf = true) =>
    fetch(`${site.url}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: site.url, Cookie: admin.cookie, ...headers },
      body: new URLSearchParams(withCsrf ? { csrf: admin.csrf, ...form } : form).toString(),
    });
  const logIn = async (email: string, password: string) => {
    const answer = await fetch(`${site.url}/account/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: site.url },
      body: new URLSearchParams({ email, password }).toString(),
    });
    expect(answer.status).toBe(303);
    return { location: answer.headers.get('location'), cookie: answer.headers.getSetCookie().find((c) => c.startsWith('tulna_session='))!.split(';')[0] };
  };

  beforeAll(async () => {
    site = await startSeededSite(driver);
    clearAccountLimits();
    await createAccount(site.handle.db, { email: 'admin@tulna.example', password: PASSWORD, role: 'admin' });
    await createAccount(site.handle.db, { email: 'shop@tulna.example', password: 'retailer password', role: 'retailer' });
    const session = await logIn('admin@tulna.example', PASSWORD);
    expect(session.location).toBe('/admin');
    const page = await (await fetch(`${site.url}/admin/products/${site.seed.galaxyId}`, { headers: { Cookie: session.cookie } })).text();
    admin = { cookie: session.cookie, csrf: /name="csrf" value="([^"]+)"/.exec(page)![1] };
    retailer = (await logIn('shop@tulna.example', 'retailer password')).cookie;
  }, 240_000);
  afterAll(async () => {
    await site?.close();
  });

  it('sends a visitor without a session to the login page, and shows an account that is not an admin nothing', async () => {
    for (const path of ['/admin', `/admin/products/${site.seed.galaxyId}`]) {
      const anonymous = await get(path, '');
      await anonymous.arrayBuffer();
      expect(anonymous.status, path).toBe(303);
      expect(anonymous.headers.get('location')).toBe(`/account/login?next=${encodeURIComponent(path)}`);
      expect(anonymous.headers.get('cache-control')).toBe('no-store');
      const other = await get(path, retailer);
      expect(other.status, path).toBe(404);
      expect(await other.text()).not.toMatch(/Matching decisions|Not this product/);
      expect(other.headers.get('cache-control')).toBe('no-store');
    }
    expect((await post(`/admin/products/${site.seed.galaxyId}`, { action: 'split', listing: '1' }, { Cookie: '' })).status).toBe(401);
    expect((await post(`/admin/products/${site.seed.galaxyId}`, { action: 'split', listing: '1' }, { Cookie: retailer })).status).toBe(404);
    expect((await listPendingMatchDecisions(site.handle.db)).decisions).toEqual([]);
  });

  it("shows the admin a product's listings, never cached or indexed, every form with its CSRF token", async () => {
    const page = await get(`/admin/products/${site.seed.galaxyId}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-robots-tag')).toMatch(/noindex/);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    for (const store of ['Alpha Electronics', 'Beta Shop', 'Gamma Direct', 'Delta Deals']) expect(html).toContain(store);
    expect(html.match(/Not this product/g)).toHaveLength(4);
    expect(html.match(/<form method="post"/g)?.length).toBe(html.match(/name="csrf"/g)?.length);
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)/);

    const xss = await (await get(`/admin/products/${site.seed.xssId}`)).text();
    expect(xss).not.toContain(XSS_TITLE);
    expect(xss).toContain('&lt;script&gt;');
    expect((await get('/admin/products/999999')).status).toBe(404);
  });

  it('refuses a POST from another origin, or without the CSRF token', async () => {
    const path = `/admin/products/${site.seed.galaxyId}`;
    const crossSite = await post(path, { action: 'split', listing: '1' }, { Origin: 'https://evil.example' });
    await crossSite.arrayBuffer();
    expect(crossSite.status).toBe(403);
    expect((await post(path, { action: 'split', listing: '1' }, {}, false)).status).toBe(403);
    expect((await post(path, { action: 'split', listing: '1', csrf: 'x'.repeat(43) }, {}, false)).status).toBe(403);
    expect((await listPendingMatchDecisions(site.handle.db)).decisions).toEqual([]);
  });

  it('records a split as pending and redirects to the saved page', async () => {
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
