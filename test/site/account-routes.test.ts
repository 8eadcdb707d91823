// The account routes of the built site, on both databases: sign-up, login (cookie flags, one answer
// for unknown address and wrong password, lock-outs), logout, sessions that end with a password
// change, CSRF on signed-in routes, no open redirect, password reset through the outbox, API tokens
// over Bearer (revoked, guessed, rate-limited), and the door's 405 and 413 on the new routes.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { changePassword, createAccount } from '../../db/queries/accounts/accounts.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '../../db/queries/accounts/api-tokens.ts';
import { API_REQUESTS_PER_MINUTE, clearAccountLimits } from '../../src/features/accounts/limits.ts';
import { testDrivers } from '../helpers/db.ts';
import { form, send, type Answer } from '../helpers/raw-request.ts';
import { startSeededSite, type RunningSite } from './site-server.ts';


const PASSWORD = 'retailer password 1';

/** The session cookie a response set, as "tulna_session=<secret>" (null when it set none or cleared it). */
function sessionCookie(answer: Answer): string | null {
  const cookie = (answer.headers['set-cookie'] ?? []).find((line) => line.startsWith('tulna_session='));
  const pair = cookie?.split(';')[0] ?? '';
  return pair.length > 'tulna_session='.length ? pair : null;
}

describe.each(testDrivers)('account routes on %s', (driver) => {
  let site: RunningSite;
  const formHeaders = (extra: Record<string, string> = {}) => ({ Origin: site.url, 'Content-Type': 'application/x-www-form-urlencoded', ...extra });
  const post = (path: string, fields: Record<string, string>, extra: Record<string, string> = {}, localAddress?: string) =>
    send(`${site.url}${path}`, 'POST', form(fields), formHeaders(extra), localAddress);
  const get = (path: string, headers: Record<string, string> = {}, localAddress?: string) => send(`${site.url}${path}`, 'GET', '', headers, localAddress);
  const logIn = async (email: string, password = PASSWORD, fields: Record<string, string> = {}, localAddress?: string) => post('/account/login', { email, password, ...fields }, {}, localAddress);
  const sessionOf = async (email: string, password = PASSWORD) => {
    const answer = await logIn(email, password);
    expect(answer.status, answer.body).toBe(303);
    return sessionCookie(answer)!;
  };
  /** The CSRF token the session's pages carry (the login page shows a logout form to a logged-in visitor). */
  const csrfOf = async (cookie: string) => {
    const page = await get('/account/login', { Cookie: cookie });
    return /name="csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  };

  /** Whether a cookie's session is alive: the login page greets its account by name. */
  const isLoggedIn = async (cookie: string) => (await get('/account/login', { Cookie: cookie })).body.includes('You are logged in as');

  beforeAll(async () => {
    site = await startSeededSite(driver);
    await createAccount(site.handle.db, { email: 'asha@shop.example', password: PASSWORD });
    await createAccount(site.handle.db, { email: 'admin@localhost', password: 'the admin password', role: 'admin' });
  }, 240_000);
  beforeEach(() => clearAccountLimits());
  afterAll(async () => {
    await site?.close();
  });

  it('signs a retailer up and logs it in, with a cookie only this site’s pages can send', async () => {
    const page = await get('/account/signup');
    expect(page.status).toBe(200);
    expect(page.body).toContain('name="password"');
    const short = await post('/account/signup', { email: 'new@shop.example', password: 'too short' });
    expect(short.status).toBe(400);
    expect(short.body).toMatch(/at least 12 characters/);
    const bad = await post('/account/signup', { email: 'not an address', password: 'long enough password' });
    expect(bad.status).toBe(400);

    const made = await post('/account/signup', { email: 'New@Shop.Example', password: 'long enough password' });
    expect(made.status).toBe(200);
    expect(made.body).toContain('Check your inbox: we sent a link to <strong>new@shop.example</strong>');
    expect(sessionCookie(made)).toBeNull();
    const [row] = await queryRows<{ role: string; verified: boolean }>(site.handle.db, sql`SELECT role, email_verified_at IS NOT NULL AS verified FROM accounts WHERE email = 'new@shop.example'`);
    expect(row).toEqual({ role: 'retailer', verified: false });
    // Not yet confirmed: the right password is told so, nothing else opens.
    const early = await logIn('new@shop.example', 'long enough password');
    expect(early.status).toBe(403);
    expect(early.body).toMatch(/Confirm your address first/);

    const mailText = async (email: string, like: string) => {
      const rows = await queryRows<{ text: string }>(site.handle.db, sql`SELECT payload->>'text' AS text FROM outbox WHERE destination = ${email} AND dedupe_key LIKE ${like} ORDER BY id DESC LIMIT 1`);
      return rows[0]?.text;
    };
    const link = /http:\/\/\S+\/account\/verify\/\S+/.exec((await mailText('new@shop.example', 'verify:%'))!)![0];
    const path = new URL(link).pathname;
    // Opening the link confirms nothing (mail scanners open links); its button does, once.
    const opened = await get(path);
    expect(opened.status).toBe(200);
    expect(opened.body).toContain('Confirm and log in');
    expect((await queryRows<{ v: boolean }>(site.handle.db, sql`SELECT email_verified_at IS NOT NULL AS v FROM accounts WHERE email = 'new@shop.example'`))[0].v).toBe(false);
    const confirmed = await post(path, {});
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.location).toBe('/retailer');
    const cookie = (confirmed.headers['set-cookie'] ?? []).find((line) => line.startsWith('tulna_session='))!;
    expect(cookie).toMatch(/^tulna_session=[A-Za-z0-9_-]{43};/);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; Max-Age=2592000/);
    // Plain http to 127.0.0.1: local development, where a Secure cookie would never come back.
    expect(cookie).not.toMatch(/Secure/i);
    expect((await post(path, {})).status).toBe(404);
    expect((await post(path.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A')), {})).status).toBe(404);
    expect((await logIn('new@shop.example', 'long enough password')).status).toBe(303);

    // Signing up again with a taken address answers exactly as a new one; the owner gets a mail.
    const again = await post('/account/signup', { email: 'new@shop.example', password: 'another long password' });
    expect(again.status).toBe(200);
    expect(again.body.replace(/new@shop\.example/g, 'X')).toBe(made.body.replace(/new@shop\.example/g, 'X'));
    expect(await mailText('new@shop.example', 'signup-exists:%')).toMatch(/already has one/);
    expect((await logIn('new@shop.example', 'another long password')).status).toBe(401);
  });

  it('logs in with a Secure cookie on any host that is not this machine, and to /admin for an administrator', async () => {
    const remote = await send(`${site.url}/account/login`, 'POST', form({ email: 'asha@shop.example', password: PASSWORD }), {
      Host: 'tulna.example',
      Origin: 'http://tulna.example',
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(remote.status).toBe(303);
    expect((remote.headers['set-cookie'] ?? []).find((line) => line.startsWith('tulna_session='))).toMatch(/; Secure/i);
    const local = await logIn('ASHA@shop.example ');
    expect(local.status).toBe(303);
    expect(local.headers.location).toBe('/retailer');
    const page = await get('/account/login', { Cookie: sessionCookie(local)! });
    expect(page.body).toContain('You are logged in as <strong>asha@shop.example</strong>');
    expect(page.headers['cache-control']).toBe('no-store');
    const admin = await logIn('admin@localhost', 'the admin password');
    expect(admin.status).toBe(303);
    expect(admin.headers.location).toBe('/admin');
  });

  it('answers a wrong password and an unknown address the same way', async () => {
    const wrong = await logIn('asha@shop.example', 'not the password');
    const unknown = await logIn('nobody@shop.example', 'not the password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(unknown.body).toBe(wrong.body);
    expect(wrong.body).toContain('Wrong email or password.');
    expect(sessionCookie(wrong)).toBeNull();
  });

  it('locks an address out after 5 wrong passwords with 429 and Retry-After, the right one included', async () => {
    const address = '127.0.0.5';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await logIn('asha@shop.example', `wrong ${i}`, {}, address)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const locked = await logIn('asha@shop.example', PASSWORD, {}, address);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBe(60);
    expect(sessionCookie(locked)).toBeNull();
    // Another address is not locked.
    expect((await logIn('asha@shop.example', PASSWORD, {}, '127.0.0.6')).status).toBe(303);
  });

  it('locks an account after 20 wrong passwords from many addresses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await logIn('asha@shop.example', `guess ${i}`, {}, `127.0.1.${i + 1}`)).status);
    expect(statuses.slice(0, 19).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(19)).toEqual([429, 429]);
    expect((await logIn('asha@shop.example', PASSWORD, {}, '127.0.2.1')).status).toBe(429);
  }, 60_000);

  it('sends a visitor without a session to the login page, and refuses its other requests', async () => {
    // (GET on the POST-only logout: the door asks who it is before what it may do.)
    const read = await get('/account/logout');
    expect(read.status).toBe(303);
    expect(read.headers.location).toBe('/account/login?next=%2Faccount%2Flogout');
    const admin = await get('/admin?product=7');
    expect(admin.headers.location).toBe('/account/login?next=%2Fadmin%3Fproduct%3D7');
    const logout = await post('/account/logout', {});
    expect(logout.status).toBe(401);
    const stale = await get('/account/logout', { Cookie: 'tulna_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    expect(stale.status).toBe(303);
    expect((stale.headers['set-cookie'] ?? []).find((line) => line.startsWith('tulna_session=')), 'a dead cookie is cleared').toMatch(/Max-Age=0/);
  });

  it('logs out: the session is gone, its cookie opens nothing', async () => {
    const cookie = await sessionOf('asha@shop.example');
    const csrf = await csrfOf(cookie);
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const out = await post('/account/logout', { csrf }, { Cookie: cookie });
    expect(out.status).toBe(303);
    expect(out.headers.location).toBe('/account/login?logged_out=1');
    expect((out.headers['set-cookie'] ?? []).find((line) => line.startsWith('tulna_session='))).toMatch(/^tulna_session=;.*Max-Age=0/);
    expect(await isLoggedIn(cookie)).toBe(false);
    expect((await post('/account/logout', { csrf }, { Cookie: cookie })).status).toBe(401);
    const [row] = await queryRows<{ n: number }>(site.handle.db, sql`SELECT count(*)::int AS n FROM sessions WHERE token_hash = ${createHash('sha256').update(cookie.split('=')[1]).digest('base64url')}`);
    expect(row.n).toBe(0);
  });

  it('ends every session when the password changes', async () => {
    const cookie = await sessionOf('asha@shop.example');
    const [account] = await queryRows<{ id: number }>(site.handle.db, sql`SELECT id::int AS id FROM accounts WHERE email = 'asha@shop.example'`);
    expect(await isLoggedIn(cookie)).toBe(true);
    await changePassword(site.handle.db, account.id, 'a brand new password');
    try {
      expect(await isLoggedIn(cookie)).toBe(false);
      expect((await post('/account/logout', { csrf: 'x' }, { Cookie: cookie })).status).toBe(401);
      expect((await logIn('asha@shop.example')).status).toBe(401);
    } finally {
      await changePassword(site.handle.db, account.id, PASSWORD);
    }
  });

  it('refuses a state change on a signed-in route without its CSRF token, or from another site', async () => {
    const cookie = await sessionOf('asha@shop.example');
    const csrf = await csrfOf(cookie);
    const other = await csrfOf(await sessionOf('asha@shop.example'));
    expect(other).not.toBe(csrf);
    for (const [fields, headers] of [
      [{}, {}],
      [{ csrf: '' }, {}],
      [{ csrf: 'x'.repeat(43) }, {}],
      [{ csrf: other }, {}],
      [{}, { 'X-CSRF-Token': other }],
    ] as const) {
      const answer = await post('/account/logout', fields, { Cookie: cookie, ...headers });
      expect(answer.status, JSON.stringify([fields, headers])).toBe(403);
    }
    const crossSite = await post('/account/logout', { csrf }, { Cookie: cookie, Origin: 'https://evil.example' });
    expect(crossSite.status).toBe(403);
    expect(await isLoggedIn(cookie), 'still logged in').toBe(true);
    // The token as a header, or in a multipart form, works as well as the urlencoded field.
    const multipart = await fetch(`${site.url}/account/logout`, { method: 'POST', redirect: 'manual', headers: { Cookie: cookie, Origin: site.url }, body: (() => { const f = new FormData(); f.set('csrf', csrf); return f; })() });
    expect(multipart.status).toBe(303);
    const second = await sessionOf('asha@shop.example');
    expect((await post('/account/logout', {}, { Cookie: second, 'X-CSRF-Token': await csrfOf(second) })).status).toBe(303);
  });

  it('goes on after login to a path of this site only: no open redirect', async () => {
    for (const next of ['//evil.example', '//evil.example/retailer', '/\\evil.example', 'https://evil.example', 'javascript:alert(1)', '/%2F%2Fevil.example', ' /retailer', '/re\ttailer']) {
      const answer = await logIn('asha@shop.example', PASSWORD, { next });
      expect(answer.status, next).toBe(303);
      expect(answer.headers.location, next).toBe('/retailer');
      const page = await get(`/account/login?next=${encodeURIComponent(next)}`);
      expect(page.body, next).not.toContain('name="next"');
    }
    const kept = await logIn('asha@shop.example', PASSWORD, { next: '/retailer/stores?claim=1' });
    expect(kept.headers.location).toBe('/retailer/stores?claim=1');
    const page = await get(`/account/login?next=${encodeURIComponent('/retailer?store=alpha')}`);
    expect(page.body).toContain('name="next" value="/retailer?store=alpha"');
  });

  it('resets a password through the mailed link, once, and the old password and sessions stop working', async () => {
    await createAccount(site.handle.db, { email: 'ravi@shop.example', password: PASSWORD });
    const oldSession = await sessionOf('ravi@shop.example');
    const asked = await post('/account/reset', { email: 'Ravi@Shop.Example' });
    const unknown = await post('/account/reset', { email: 'nobody@shop.example' });
    expect(asked.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(unknown.body.replaceAll('nobody@shop.example', 'X')).toBe(asked.body.replaceAll('ravi@shop.example', 'X'));
    const rows = await queryRows<{ channel: string; destination: string; dedupe_key: string; account_id: number; payload: { subject: string; text: string } }>(
      site.handle.db,
      sql`SELECT o.channel, o.destination, o.dedupe_key, o.account_id::int AS account_id, o.payload FROM outbox o WHERE o.dedupe_key LIKE 'reset:%' ORDER BY o.id`,
    );
    expect(rows).toHaveLength(1);
    const [mail] = rows;
    expect(mail).toMatchObject({ channel: 'email', destination: 'ravi@shop.example', dedupe_key: expect.stringMatching(/^reset:\d+$/) });
    const [ravi] = await queryRows<{ id: number }>(site.handle.db, sql`SELECT id::int AS id FROM accounts WHERE email = 'ravi@shop.example'`);
    expect(mail.account_id).toBe(ravi.id);
    expect(mail.payload.subject).toBe('Reset your Tulna password');
    const link = /(http:\/\/\S+\/account\/reset\/[A-Za-z0-9_-]{43})/.exec(mail.payload.text)![1];
    const path = new URL(link).pathname;

    const page = await get(path);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Choose a new password');
    expect(page.headers['cache-control']).toBe('no-store');
    // Never sent to another site; same-origin rather than no-referrer, under which browsers send the form with "Origin: null".
    expect(page.headers['referrer-policy']).toBe('same-origin');
    expect((await post(path, { password: 'short' })).status).toBe(400);
    const done = await post(path, { password: 'ravi new password' });
    expect(done.status).toBe(303);
    expect(done.headers.location).toBe('/account/login?reset=done');
    expect((await get(path)).status, 'used once').toBe(404);
    expect((await post(path, { password: 'ravi third password' })).status).toBe(404);
    expect((await logIn('ravi@shop.example')).status).toBe(401);
    expect((await logIn('ravi@shop.example', 'ravi new password')).status).toBe(303);
    expect(await isLoggedIn(oldSession), 'the session before the reset').toBe(false);
  });

  it('refuses an expired reset link and a made-up one', async () => {
    await post('/account/reset', { email: 'asha@shop.example' });
    const [mail] = await queryRows<{ text: string }>(site.handle.db, sql`SELECT payload->>'text' AS text FROM outbox WHERE destination = 'asha@shop.example' AND dedupe_key LIKE 'reset:%' ORDER BY id DESC LIMIT 1`);
    const path = new URL(/(http:\/\/\S+\/account\/reset\/\S+)/.exec(mail.text)![1]).pathname;
    expect((await get(path)).status).toBe(200);
    await site.handle.db.execute(sql`UPDATE password_resets SET expires_at = now() - interval '1 minute'`);
    const expired = await get(path);
    expect(expired.status).toBe(404);
    expect(expired.body).toContain('Link not valid');
    expect((await post(path, { password: 'asha new password' })).status).toBe(404);
    expect((await get(`/account/reset/${'A'.repeat(43)}`)).status).toBe(404);
    expect((await logIn('asha@shop.example')).status, 'the password is unchanged').toBe(303);
  });

  it('opens the API with a Bearer token until it is revoked; its list never shows the secret or its hash', async () => {
    const [asha] = await queryRows<{ id: number }>(site.handle.db, sql`SELECT id::int AS id FROM accounts WHERE email = 'asha@shop.example'`);
    const { token, summary } = await createApiToken(site.handle.db, asha.id, 'sync');
    const listed = await listApiTokens(site.handle.db, asha.id);
    const [stored] = await queryRows<{ token_hash: string }>(site.handle.db, sql`SELECT token_hash FROM api_tokens WHERE id = ${summary.id}`);
    expect(JSON.stringify(listed)).not.toContain(stored.token_hash);
    // The secret is everything after "tulna_<id>_" (base64url: it may hold "_" itself).
    expect(JSON.stringify(listed)).not.toContain(token.slice(`tulna_${summary.id}_`.length));
    expect(listed.find((t) => t.id === summary.id)?.lastFour).toBe(token.slice(-4));

    const answer = await get('/api/account', { Authorization: `Bearer ${token}` });
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ account: { id: asha.id, email: 'asha@shop.example', role: 'retailer' }, token: { id: summary.id } });
    expect(answer.headers['ratelimit-limit']).toBe(String(API_REQUESTS_PER_MINUTE));
    expect(Number(answer.headers['ratelimit-remaining'])).toBe(API_REQUESTS_PER_MINUTE - 1);
    expect(answer.headers['cache-control']).toBe('no-store');

    const none = await get('/api/account');
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toMatch(/^Bearer/);
    expect(JSON.parse(none.body).error.status).toBe(401);
    // A session cookie is not an API token.
    expect((await get('/api/account', { Cookie: await sessionOf('asha@shop.example') })).status).toBe(401);

    expect(await revokeApiToken(site.handle.db, asha.id, summary.id)).toBe(true);
    const revoked = await get('/api/account', { Authorization: `Bearer ${token}` });
    expect(revoked.status).toBe(401);
    expect(revoked.headers['www-authenticate']).toMatch(/invalid_token/);
  });

  it('limits each token to its requests a minute, and wrong tokens per address', async () => {
    const [asha] = await queryRows<{ id: number }>(site.handle.db, sql`SELECT id::int AS id FROM accounts WHERE email = 'asha@shop.example'`);
    const { token } = await createApiToken(site.handle.db, asha.id, 'busy');
    const statuses: number[] = [];
    for (let i = 0; i < API_REQUESTS_PER_MINUTE; i++) statuses.push((await get('/api/account', { Authorization: `Bearer ${token}` })).status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    const over = await get('/api/account', { Authorization: `Bearer ${token}` });
    expect(over.status).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
    expect(over.headers['ratelimit-remaining']).toBe('0');

    clearAccountLimits();
    const address = '127.0.0.9';
    const guesses: number[] = [];
    for (let i = 0; i < 10; i++) guesses.push((await get('/api/account', { Authorization: `Bearer tulna_${i + 1}_${'A'.repeat(43)}` }, address)).status);
    expect(guesses.slice(0, 9).every((status) => status === 401)).toBe(true);
    expect(guesses[9]).toBe(429);
    const locked = await get('/api/account', { Authorization: `Bearer ${token}` }, address);
    expect(locked.status, 'a right token from a locked address').toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect((await get('/api/account', { Authorization: `Bearer ${token}` }, '127.0.0.10')).status).toBe(200);
  });

  it('answers 405 and 413 on the new routes before anything else', async () => {
    const put = await send(`${site.url}/account/login`, 'PUT', '', { Origin: site.url });
    expect(put.status).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD, POST');
    const apiPost = await send(`${site.url}/api/account`, 'POST', '', { Origin: site.url });
    expect(apiPost.status).toBe(405);
    expect(JSON.parse(apiPost.body).error.status).toBe(405);
    const cookie = await sessionOf('asha@shop.example');
    const getLogout = await get('/account/logout', { Cookie: cookie });
    expect(getLogout.status).toBe(405);
    const big = await post('/account/login', { email: 'asha@shop.example', password: 'x'.repeat(9000) });
    expect(big.status).toBe(413);
    const bigReset = await post(`/account/reset/${'A'.repeat(43)}`, { password: 'x'.repeat(9000) });
    expect(bigReset.status).toBe(413);
  });

  it('keeps the admin area to administrators: others see nothing there', async () => {
    const anonymous = await get('/admin');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.location).toBe('/account/login?next=%2Fadmin');
    const retailer = await get('/admin', { Cookie: await sessionOf('asha@shop.example') });
    expect(retailer.status).toBe(404);
    expect(retailer.body).not.toContain('Matching decisions');
    const admin = await get('/admin', { Cookie: await sessionOf('admin@localhost', 'the admin password') });
    expect(admin.status).toBe(200);
    expect(admin.body).toContain('Matching decisions');
  });
});
