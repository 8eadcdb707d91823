// Every route of the built site, tried as an attacker would: each admin route under every spelling
// of its path (without a session, and with one that is not an admin's), every method, oversized and
// chunked bodies, and guessing a password at the login page.
import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPendingMatchDecisions } from '../../db/queries/match-decisions.ts';
import { listListingIdsByProduct, updateProductFields } from '../../db/queries/product-matching.ts';
import { createAccount } from '../../db/queries/accounts/accounts.ts';
import { clearAccountLimits } from '../../src/features/accounts/limits.ts';
import { ROUTE_POLICIES } from '../../src/lib/route-policy.ts';
import { testDrivers } from '../helpers/db.ts';
import { ROOT } from '../site/site-build.ts';
import { startSeededSite, type RunningSite } from '../site/site-server.ts';

const PASSWORD = 'security suite password';
const ADMIN_EMAIL = 'admin@tulna.example';

/** Route patterns of the files under src/pages, as Astro names them. */
function pageRoutes(): string[] {
  const dir = join(ROOT, 'src/pages');
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(astro|ts)$/.test(file))
    .map((file) => '/' + relative(dir, join(dir, file)).replace(/\.(astro|ts)$/, '').replace(/(^|\/)index$/, ''))
    .map((route) => (route === '/' ? '/' : route.replace(/\/$/, '')));
}

/** Raw HTTP, so that the path goes out exactly as spelled (fetch would clean it up). */
function raw(url: string, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | string | (() => AsyncGenerator<Buffer>)) {
  const { hostname, port } = new URL(url);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }>((resolve, reject) => {
    const req = httpRequest({ hostname, port, method, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'EPIPE' || (error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
    if (typeof body === 'function') {
      (async () => {
        for await (const chunk of body()) if (!req.write(chunk)) await new Promise((r) => req.once('drain', r));
        req.end();
      })().catch(() => req.destroy());
    } else req.end(body);
  });
}

describe('every page file has a route policy', () => {
  it('lists each route of src/pages in ROUTE_POLICIES', () => {
    const routes = pageRoutes();
    expect(routes.length).toBeGreaterThan(8);
    for (const route of routes) expect(ROUTE_POLICIES[route], `${route} has no entry in src/lib/route-policy.ts`).toBeDefined();
  });
});

describe.each(testDrivers)('the site door on %s', (driver) => {
  let site: RunningSite;
  let adminPaths: string[];
  /** Session cookies ("tulna_session=…") of the administrator and of a retailer, and the admin's CSRF token. */
  let admin: string;
  let retailer: string;
  let csrf: string;

  const logIn = async (email: string, password: string, headers: Record<string, string> = {}) =>
    raw(site.url, 'POST', '/account/login', { Origin: site.url, 'Content-Type': 'application/x-www-form-urlencoded', ...headers }, new URLSearchParams({ email, password }).toString());
  const cookieOf = (answer: { headers: Record<string, string | string[] | undefined> }) =>
    ([answer.headers['set-cookie'] ?? []].flat().find((line) => line.startsWith('tulna_session=')) ?? '').split(';')[0];

  beforeAll(async () => {
    clearAccountLimits();
    site = await startSeededSite(driver);
    adminPaths = ['/admin', `/admin/products/${site.seed.galaxyId}`];
    await createAccount(site.handle.db, { email: ADMIN_EMAIL, password: PASSWORD, role: 'admin' });
    await createAccount(site.handle.db, { email: 'shop@tulna.example', password: 'retailer password', role: 'retailer' });
    admin = cookieOf(await logIn(ADMIN_EMAIL, PASSWORD));
    retailer = cookieOf(await logIn('shop@tulna.example', 'retailer password'));
    const page = await raw(site.url, 'GET', `/admin/products/${site.seed.galaxyId}`, { Cookie: admin });
    csrf = /name="csrf" value="([^"]+)"/.exec(page.text)![1];
  }, 240_000);
  afterAll(async () => {
    await site?.close();
  });

  const spellings = (path: string) => [
    path.replace('/admin', '//admin'),
    path.replace('/admin', '/./admin'),
    path.replace('/admin', '/%61dmin'),
    path.replace('/admin', '/%61%64%6d%69%6e'),
    path.replace('/admin', '/x/../admin'),
    path.replace('/admin', '/%2e/admin'),
    path.replace('/admin', '\\admin'),
    path.replace('/admin', '/Admin'),
    path.replace('/admin', '/ADMIN'),
    `${path}/`,
    `${path}//`,
    path.replace(/\/(\w+)$/, '//$1'),
  ];

  it('never serves an admin route without an admin session, however its path is spelled', async () => {
    for (const [who, cookie] of [['no session', ''], ['a retailer', retailer], ['a made-up session', 'tulna_session=' + 'A'.repeat(43)]] as const) {
      for (const path of adminPaths) {
        for (const spelling of [path, ...spellings(path)]) {
          for (const method of ['GET', 'HEAD', 'POST']) {
            const body = method === 'POST' ? 'action=split&listing=1' : undefined;
            const headers: Record<string, string> = { Origin: site.url, ...(cookie ? { Cookie: cookie } : {}), ...(body ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {}) };
            const response = await raw(site.url, method, spelling, headers, body);
            const where = `${who}: ${method} ${spelling}`;
            // 308 to the one spelling (where the door stands); there, 303 to the login page (a read
            // without a session), 401 (a POST without one), 404 (not an admin, or no route).
            // (400: Node's HTTP parser refuses the spelling outright.)
            expect([303, 308, 400, 401, 404], where).toContain(response.status);
            if (response.status === 308) expect(response.headers.location, where).toMatch(/^\/admin/);
            if (response.status === 303) expect(response.headers.location, where).toMatch(/^\/account\/login\?next=%2Fadmin/i);
            if (who === 'a retailer') expect([303, 401], where).not.toContain(response.status);
            expect(response.text, where).not.toContain('Matching decisions');
            expect(response.text, where).not.toContain('Not this product');
          }
        }
      }
    }
    expect((await listPendingMatchDecisions(site.handle.db)).decisions).toEqual([]);
  });

  it('follows a stray spelling to the door, and lets the admin in there', async () => {
    const path = `/admin/products/${site.seed.galaxyId}`;
    const moved = await raw(site.url, 'GET', `/${path}`, { Cookie: admin });
    expect(moved.status).toBe(308);
    const page = await raw(site.url, 'GET', String(moved.headers.location), { Cookie: admin });
    expect(page.status).toBe(200);
    expect(page.text).toContain('Not this product');
  });

  it('answers unsupported methods with 405 and Allow on every route (JSON under /api/), and no stack trace', async () => {
    const paths: Record<string, string> = {
      '/': '/',
      '/search': '/search?q=galaxy',
      '/scan': '/scan',
      '/p/[id]': `/p/${site.seed.galaxyId}`,
      '/stores/[id]': '/stores/alpha',
      '/gtin': '/gtin?code=1',
      '/gtin/[code]': '/gtin/4006381333931',
      '/api/search': '/api/search?q=galaxy',
      '/api/products/[id]': `/api/products/${site.seed.galaxyId}`,
      '/api/gtin/[code]': '/api/gtin/4006381333931',
      '/account/login': '/account/login',
      '/account/signup': '/account/signup',
      '/account/reset': '/account/reset',
      '/account/reset/[token]': `/account/reset/${'A'.repeat(43)}`,
      '/account/verify/[token]': '/account/verify/1.guess',
      '/api/account': '/api/account',
    };
    for (const [route, path] of Object.entries(paths)) {
      const allowed = ROUTE_POLICIES[route].methods;
      for (const method of ['TRACE', 'TRACK', 'PATCH', 'PUT', 'DELETE', 'OPTIONS', 'POST', 'PROPFIND', 'FOO']) {
        if (allowed.includes(method)) continue;
        const response = await raw(site.url, method, path, { Origin: site.url });
        const where = `${method} ${path}`;
        // Node's HTTP parser answers 400 to methods it does not know (TRACK, FOO) before any code of ours.
        if (response.status === 400 && ['TRACK', 'FOO'].includes(method)) continue;
        expect(response.status, where).toBe(405);
        expect(String(response.headers.allow), where).toMatch(/^GET, HEAD/);
        if (path.startsWith('/api/')) expect(JSON.parse(response.text).error.status, where).toBe(405);
        expect(response.text, where).not.toMatch(/\n\s+at /);
      }
    }
  });

  it('refuses bodies over the cap with 413 before reading them, declared or chunked', async () => {
    const adminPath = `/admin/products/${site.seed.galaxyId}`;
    const form = { Cookie: admin, Origin: site.url, 'Content-Type': 'application/x-www-form-urlencoded' };
    // A declared 500 MB is refused on its header alone.
    const declared = await raw(site.url, 'POST', adminPath, { ...form, 'Content-Length': String(500 * 1024 * 1024) });
    expect(declared.status).toBe(413);
    // A chunked stream is cut off at the site-wide cap.
    let sent = 0;
    const chunked = await raw(site.url, 'POST', adminPath, { ...form, 'Transfer-Encoding': 'chunked' }, async function* () {
      for (let i = 0; i < 2000 && sent < 50 * 1024 * 1024; i++) {
        sent += 64 * 1024;
        yield Buffer.alloc(64 * 1024, 0x61);
      }
    });
    expect(chunked.status).toBe(413);
    expect(sent, 'stopped long before 50 MB').toBeLessThan(50 * 1024 * 1024);
    // A form over its route's own cap (8 KB), and any body on a route that reads none.
    expect((await raw(site.url, 'POST', adminPath, form, `csrf=${csrf}&action=split&listing=1&pad=${'x'.repeat(20_000)}`)).status).toBe(413);
    for (const path of ['/admin', '/p/1', '/api/search', '/account/login']) {
      const response = await raw(site.url, 'GET', path, { Cookie: admin, 'Content-Length': String(10 * 1024 * 1024) });
      expect(response.status, `GET ${path} with 10 MB`).toBe(413);
    }
    // A small form still works.
    const [listing] = await listListingIdsByProduct(site.handle.db, site.seed.galaxyId);
    const ok = await raw(site.url, 'POST', adminPath, form, `csrf=${csrf}&action=split&listing=${listing}`);
    expect(ok.status).toBe(303);
  });

  it('limits wrong passwords per address with 429 and Retry-After, and ignores a forged X-Forwarded-For', async () => {
    clearAccountLimits();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await logIn(ADMIN_EMAIL, `guess ${i}`, { 'X-Forwarded-For': `203.0.113.${i}` })).status);
    expect(statuses.slice(0, 4)).toEqual([401, 401, 401, 401]);
    expect(statuses.slice(4).every((status) => status === 429)).toBe(true);
    const locked = await logIn(ADMIN_EMAIL, PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(cookieOf(locked)).toBe('');
    clearAccountLimits();
    const admitted = await logIn(ADMIN_EMAIL, PASSWORD);
    expect(admitted.status).toBe(303);
    expect(admitted.headers.location).toBe('/admin');
  });

  it('never shows a scraped bidi override in <title> or <h1>, and isolates the title', async () => {
    // Stored before crawls stripped them (or written by any other path): the page strips them too.
    const title = 'Phone \u202E99.0 EUR\u202C \u2067x\u2069';
    await updateProductFields(site.handle.db, [{ id: site.seed.singletonId, title, brand: null, model: null, gtins: [], category: null, image: null }]);
    const page = await raw(site.url, 'GET', `/p/${site.seed.singletonId}`);
    expect(page.status).toBe(200);
    const heading = page.text.match(/<h1[^>]*>([^<]*)<\/h1>/);
    const shownTitle = page.text.match(/<title>([^<]*)<\/title>/)?.[1] ?? '';
    expect(heading?.[0]).toContain('dir="auto"');
    for (const text of [heading?.[1] ?? '', shownTitle]) {
      expect(text).toContain('Phone 99.0 EUR');
      expect(text).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/);
    }
  });
});
