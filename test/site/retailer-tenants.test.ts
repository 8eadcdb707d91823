// Tenant isolation of the retailer area, on the built site and both databases: two retailers, each
// with their own store, and every route, export, API call and token tried against the other's data
// (its store id, its listing ids, ids guessed around them, its claim, its token). Each must get nothing.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { createAccount } from '../../db/queries/accounts/accounts.ts';
import { createApiToken } from '../../db/queries/accounts/api-tokens.ts';
import { createSession } from '../../db/queries/accounts/sessions.ts';
import { saveAlertSettings } from '../../db/queries/retailers/alert-settings.ts';
import { createClaim, grantClaim } from '../../db/queries/retailers/claims.ts';
import { retailerWebhookSecret } from '../../db/queries/retailers/webhook-secret.ts';
import { refreshStorePositions } from '../../db/queries/retailers/positions.ts';
import { testDrivers } from '../helpers/db.ts';
import { send } from '../helpers/raw-request.ts';
import { startSeededSite, type RunningSite } from './site-server.ts';


interface Tenant {
  email: string;
  storeId: string;
  accountId: number;
  cookie: string;
  csrf: string;
  token: string;
  tokenId: number;
  listingIds: number[];
  claimId: number;
}

describe.each(testDrivers)('retailer tenants on %s', (driver) => {
  let site: RunningSite;
  const tenants: Record<'a' | 'b', Tenant> = {} as never;

  const get = (path: string, who?: Tenant, extra: Record<string, string> = {}) => send(`${site.url}${path}`, 'GET', '', { ...(who ? { Cookie: who.cookie } : {}), ...extra });
  const post = (path: string, who: Tenant, fields: Record<string, string>) =>
    send(`${site.url}${path}`, 'POST', new URLSearchParams({ csrf: who.csrf, ...fields }).toString(), { Cookie: who.cookie, Origin: site.url, 'Content-Type': 'application/x-www-form-urlencoded' });
  const api = (path: string, token: string) => send(`${site.url}${path}`, 'GET', '', { Authorization: `Bearer ${token}` });

  async function makeTenant(email: string, storeId: string): Promise<Tenant> {
    const db = site.handle.db;
    const account = await createAccount(db, { email, password: 'correct horse battery staple', role: 'retailer' });
    await grantClaim(db, { accountId: account.id, storeId });
    await refreshStorePositions(db, storeId);
    const session = await createSession(db, account.id);
    const secret = typeof session === 'string' ? session : session.secret;
    const cookie = `tulna_session=${secret}`;
    const page = await send(`${site.url}/retailer/tokens`, 'GET', '', { Cookie: cookie });
    const csrf = /name="csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!csrf) throw new Error(`no CSRF field on /retailer/tokens for ${email} (HTTP ${page.status})`);
    const created = await createApiToken(db, account.id, 'test');
    const token = typeof created === 'string' ? created : created.token;
    const tokenId = Number(/^tulna_(\d+)_/.exec(token)![1]);
    const listingRows = await queryRows<{ id: number }>(db, sql`SELECT id FROM listings WHERE store_id = ${storeId} ORDER BY id`);
    const [claim] = await queryRows<{ id: number }>(db, sql`SELECT id FROM store_claims WHERE account_id = ${account.id} AND store_id = ${storeId}`);
    return { email, storeId, accountId: account.id, cookie, csrf, token, tokenId, listingIds: listingRows.map((r) => Number(r.id)), claimId: Number(claim.id) };
  }

  beforeAll(async () => {
    site = await startSeededSite(driver);
    // The seed's first readings wait for a second one; here they count, so competitors show.
    await site.handle.db.execute(sql`UPDATE price_observations SET confirmed = true`);
    tenants.a = await makeTenant('alpha-owner@example.com', 'alpha');
    tenants.b = await makeTenant('beta-owner@example.com', 'beta');
    // A pending claim of B on gamma: B's, not A's, and it opens nothing until verified.
    await createClaim(site.handle.db, tenants.b.accountId, 'gamma');
  }, 240_000);
  afterAll(async () => {
    await site?.close();
  });

  it('shows each retailer their own listings and competitors, and nothing of the other account', async () => {
    const { a, b } = tenants;
    const page = await get('/retailer', a);
    expect(page.status).toBe(200);
    expect(page.headers['cache-control']).toContain('no-store');
    expect(page.body).toContain('Samsung Galaxy S24 128GB Onyx Black');
    // Beta's own single cable is B's alone: not in A's dashboard.
    expect(page.body).not.toContain('USB-C Cable 2m Braided');
    const other = await get('/retailer', b);
    expect(other.body).toContain('USB-C Cable 2m Braided');
    expect(other.body).not.toContain(`/retailer/listings/${a.listingIds[0]}"`);
  });

  it('answers 404 for the other retailer\'s store, whatever the route', async () => {
    const { a, b } = tenants;
    for (const path of [`/retailer?store=${b.storeId}`, `/retailer/export.csv?store=${b.storeId}`, '/retailer?store=gamma', '/retailer?store=no-such-store']) {
      expect((await get(path, a)).status, path).toBe(404);
    }
    expect((await api(`/api/retailer/listings?store=${b.storeId}`, a.token)).status).toBe(404);
    expect((await api(`/api/retailer/price-index?store=${b.storeId}`, a.token)).status).toBe(404);
    expect((await post('/retailer/settings', a, { section: 'rules', store: b.storeId, strategy: 'match', beatBy: '', maxAboveMedianPercent: '', maxDailyChangePercent: '' })).status).toBe(404);
    const [rules] = await queryRows<{ n: number }>(site.handle.db, sql`SELECT count(*)::int AS n FROM repricing_rules WHERE store_id = ${b.storeId}`);
    expect(rules.n).toBe(0);
  });

  it('answers 404 for the other retailer\'s listings and for ids guessed around them, read or written', async () => {
    const { a, b } = tenants;
    const maxId = Math.max(...a.listingIds, ...b.listingIds);
    const guesses = [...b.listingIds, ...Array.from({ length: maxId + 3 }, (_, i) => i + 1).filter((id) => !a.listingIds.includes(id))];
    for (const id of new Set(guesses)) expect((await get(`/retailer/listings/${id}`, a)).status, `listing ${id}`).toBe(404);
    for (const id of b.listingIds) expect((await post(`/retailer/listings/${id}`, a, { floor: '1.00' })).status).toBe(404);
    const [floors] = await queryRows<{ n: number }>(site.handle.db, sql`SELECT count(*)::int AS n FROM listing_floors`);
    expect(floors.n).toBe(0);
    const own = await get(`/retailer/listings/${a.listingIds[0]}`, a);
    expect(own.status).toBe(200);
  });

  it('exports only the account\'s own rows, and the API pages only them too', async () => {
    const { a, b } = tenants;
    const csv = await get('/retailer/export.csv', a);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    const ids = csv.body.trim().split(/\r?\n/).slice(1).map((line) => Number(line.split(',')[0]));
    expect(ids.sort((x, y) => x - y)).toEqual([...a.listingIds].sort((x, y) => x - y));
    const listed = JSON.parse((await api('/api/retailer/listings?per_page=1', a.token)).body) as { total: number; listings: { listing_id: number; store_id: string }[]; next: string | null };
    expect(listed.total).toBe(a.listingIds.length);
    expect(listed.listings.every((row) => row.store_id === a.storeId)).toBe(true);
    const all: number[] = [];
    for (let path: string | null = '/api/retailer/listings?per_page=1'; path; ) {
      const body = JSON.parse((await api(path, a.token)).body) as typeof listed;
      all.push(...body.listings.map((row) => row.listing_id));
      path = body.next;
    }
    expect(all.sort((x, y) => x - y)).toEqual([...a.listingIds].sort((x, y) => x - y));
    expect(all.some((id) => b.listingIds.includes(id))).toBe(false);
  });

  it('keeps tokens and claims to their owner: revoking or checking another\'s is a 404 and changes nothing', async () => {
    const { a, b } = tenants;
    expect((await post('/retailer/tokens', a, { action: 'revoke', token: String(b.tokenId) })).status).toBe(404);
    expect((await api('/api/retailer/listings', b.token)).status).toBe(200);
    const tokens = await get('/retailer/tokens', a);
    expect(tokens.body).not.toContain(`tulna_${b.tokenId}_`);
    expect(tokens.body).not.toContain(b.token.slice(-12));
    const [bPending] = await queryRows<{ id: number }>(site.handle.db, sql`SELECT id FROM store_claims WHERE account_id = ${b.accountId} AND status = 'pending'`);
    expect((await post('/retailer/stores', a, { action: 'check', claim: String(bPending.id) })).status).toBe(404);
    const stores = await get('/retailer/stores', a);
    expect(stores.body).not.toContain('tulna-verify-');
    expect((await get('/retailer?store=gamma', b)).status).toBe(404);
  });

  it('shows each retailer only their own alerts and their own webhook secret', async () => {
    const { a, b } = tenants;
    const db = site.handle.db;
    await db.execute(sql`INSERT INTO retailer_alert_events (account_id, listing_id, store_id, kind, event_key, details)
      VALUES (${b.accountId}, ${b.listingIds[0]}, ${b.storeId}, 'undercut', 'test:1', ${JSON.stringify({ title: 'B-ONLY-ALERT' })}::jsonb)`);
    await saveAlertSettings(db, b.accountId, { kinds: ['undercut'], email: true, webhookUrl: 'https://hooks.beta.example/tulna', dailyDigest: true });
    const secret = await retailerWebhookSecret(db, b.accountId);
    expect(secret).toBeTruthy();
    const mine = await get('/retailer/settings', b);
    expect(mine.body).toContain('B-ONLY-ALERT');
    expect(mine.body).toContain(secret!);
    const theirs = await get('/retailer/settings', a);
    expect(theirs.status).toBe(200);
    expect(theirs.body).not.toContain('B-ONLY-ALERT');
    expect(theirs.body).not.toContain(secret!);
    expect(theirs.body).not.toContain('hooks.beta.example');
  });

  it('lets nobody in without a session or a valid token, and no retailer into the admin area', async () => {
    const { a } = tenants;
    const anonymous = await get('/retailer');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toMatch(/^\/account\/login\?next=/);
    expect((await get('/retailer/export.csv')).status).toBe(303);
    expect((await get('/retailer', undefined, { Cookie: 'tulna_session=forged-or-guessed' })).status).toBe(303);
    for (const token of ['', 'tulna_1_guess', `tulna_${a.tokenId}_${'x'.repeat(43)}`, a.token.slice(0, -1)]) {
      expect((await api('/api/retailer/listings', token)).status, token).toBe(401);
    }
    expect((await send(`${site.url}/api/retailer/listings`, 'GET', '', { Cookie: a.cookie })).status).toBe(401);
    expect((await get('/admin/claims', a)).status).toBe(404);
    expect((await get('/admin', a)).status).toBe(404);
  });

  it('refuses a state change without its CSRF token or from another site', async () => {
    const { a } = tenants;
    const noCsrf = await send(`${site.url}/retailer/tokens`, 'POST', 'action=create&name=x', { Cookie: a.cookie, Origin: site.url, 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(noCsrf.status).toBe(403);
    const crossSite = await send(`${site.url}/retailer/tokens`, 'POST', `csrf=${a.csrf}&action=create&name=x`, { Cookie: a.cookie, Origin: 'https://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(crossSite.status).toBe(403);
    expect((await send(`${site.url}/retailer/export.csv`, 'POST', '', { Cookie: a.cookie, Origin: site.url })).status).toBe(405);
  });
});
