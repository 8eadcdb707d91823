// The door's pure parts as units: which routes are the admin area (however spelled), the login and
// per-token limiters, where a login may send its visitor, the session cookie's flags, CSRF tokens,
// and the cross-site check every state change passes.
import { describe, expect, it } from 'vitest';
import { safeNextPath } from '../../src/features/accounts/account-forms.ts';
import { notFound, refuseWithoutCsrf, signInRequired } from '../../src/features/accounts/door.server.ts';
import { createLoginLimiter, createRequestRateLimiter } from '../../src/features/accounts/limits.ts';
import { csrfMatches, csrfTokenFor, isPlainLoopbackRequest, sessionCookieOptions } from '../../src/features/accounts/session-cookie.ts';
import { isAdminRoute, ROUTE_POLICIES, routePolicy } from '../../src/lib/route-policy.ts';
import { refuseCrossSiteRequest } from '../../src/lib/same-origin.ts';

describe('the admin area', () => {
  it('is /admin and everything under it, nothing else', () => {
    const byPath = (path: string) => isAdminRoute(undefined, path);
    expect(['/admin', '/admin/', '/admin/products/3', '/admin/claims'].every(byPath)).toBe(true);
    expect(['/', '/administrator', '/p/admin', '/api/admin', '/account/login'].some(byPath)).toBe(false);
  });

  it('is recognised whichever way its path is spelled', () => {
    for (const path of ['//admin', '/./admin', '/%61dmin', '/admin/', '/Admin', '/ADMIN/products/1', '/x/../admin', '\\admin', '//admin//products/1', '/%2561dmin'.replace('%25', '%')]) {
      expect(isAdminRoute(undefined, path), path).toBe(true);
    }
    // The route the router matched decides, whatever the path said.
    expect(isAdminRoute('/admin/products/[id]', '/anything')).toBe(true);
    expect(isAdminRoute('/admin/claims', '/anything')).toBe(true);
    expect(isAdminRoute('/p/[id]', '/p/1')).toBe(false);
  });

  it('is the only place with admin access, and the retailer pages need an account', () => {
    const byAccess = (access: string) => Object.entries(ROUTE_POLICIES).filter(([, policy]) => policy.access === access).map(([route]) => route);
    expect(byAccess('admin').every((route) => route.startsWith('/admin'))).toBe(true);
    expect(byAccess('account')).toEqual(expect.arrayContaining(['/account/logout', '/retailer', '/retailer/tokens']));
    expect(byAccess('api-token')).toEqual(expect.arrayContaining(['/api/retailer/listings', '/api/retailer/price-index']));
    expect(routePolicy('/account/login').access).toBe('public');
    expect(routePolicy('/no/such/route').access).toBe('public');
  });
});

describe('the answers without a session', () => {
  it('send reads to the login page and refuse everything else', async () => {
    const url = new URL('http://127.0.0.1:4321/retailer/stores?x=1');
    const read = signInRequired(new Request(url), url);
    expect(read.status).toBe(303);
    expect(read.headers.get('Location')).toBe('/account/login?next=%2Fretailer%2Fstores%3Fx%3D1');
    expect(signInRequired(new Request(url, { method: 'HEAD' }), url).status).toBe(303);
    expect(signInRequired(new Request(url, { method: 'POST', body: 'a=1' }), url).status).toBe(401);
    const hidden = notFound({ 'X-Robots-Tag': 'noindex' });
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).toBe('Not found\n');
  });
});

describe('login limits', () => {
  it('lock an address out after 5 wrong guesses, for a minute, then twice as long', () => {
    let now = 0;
    const { byAddress } = createLoginLimiter(() => now);
    for (let i = 0; i < 4; i++) expect(byAddress.recordFailure('198.51.100.7')).toBe(0);
    expect(byAddress.recordFailure('198.51.100.7')).toBe(60_000);
    expect(byAddress.retryAfterMs('198.51.100.7')).toBe(60_000);
    expect(byAddress.retryAfterMs('203.0.113.9')).toBe(0);
    now += 61_000;
    expect(byAddress.retryAfterMs('198.51.100.7')).toBe(0);
    for (let i = 0; i < 4; i++) byAddress.recordFailure('198.51.100.7');
    expect(byAddress.recordFailure('198.51.100.7')).toBe(120_000);
  });

  it('lock an account after 20 wrong guesses from anywhere', () => {
    const { byAccount } = createLoginLimiter(() => 0);
    const locks = Array.from({ length: 20 }, () => byAccount.recordFailure('asha@shop.example'));
    expect(locks.slice(0, 19).every((lock) => lock === 0)).toBe(true);
    expect(locks[19]).toBe(60_000);
  });
});

describe('the per-token request limit', () => {
  it('allows `limit` requests per window, then says when the window ends', () => {
    let now = 0;
    const limiter = createRequestRateLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    expect([1, 2, 3].map(() => limiter.take('7').remaining)).toEqual([2, 1, 0]);
    now = 15_000;
    expect(limiter.take('7')).toEqual({ allowed: false, limit: 3, remaining: 0, resetMs: 45_000 });
    expect(limiter.take('8').allowed).toBe(true);
    now = 60_000;
    expect(limiter.take('7').allowed).toBe(true);
    expect(() => createRequestRateLimiter({ limit: 0, windowMs: 1 })).toThrow(TypeError);
  });
});

describe('where a login goes next', () => {
  it('is a path of this site, never another site', () => {
    expect(safeNextPath('/retailer?store=a#top')).toBe('/retailer?store=a#top');
    expect(safeNextPath('/admin/products/3')).toBe('/admin/products/3');
    for (const bad of ['//evil.example', '///evil.example', '/\\evil.example', '\\\\evil.example', 'https://evil.example/', 'javascript:alert(1)', 'evil.example', '/%2f%2fevil.example', '/%5Cevil.example', ' /x', '/x\ny', '', undefined, 42]) {
      expect(safeNextPath(bad), String(bad)).toBeNull();
    }
  });
});

describe('the session cookie', () => {
  const at = (url: string, headers: Record<string, string>) => new Request(url, { headers });

  it('is HttpOnly, SameSite=Lax, Path=/, 30 days, and Secure except over plain http to this machine', () => {
    const local = sessionCookieOptions(at('http://localhost/account/login', { Host: '127.0.0.1:4321' }));
    expect(local).toEqual({ httpOnly: true, sameSite: 'lax', path: '/', maxAge: 2_592_000, secure: false });
    for (const host of ['localhost:4321', '[::1]:4321', '127.0.0.2']) expect(isPlainLoopbackRequest(at('http://localhost/', { Host: host })), host).toBe(true);
    for (const [url, headers] of [
      ['http://localhost/', { Host: 'tulna.example' }],
      ['http://localhost/', { Host: '127.0.0.1:4321', 'X-Forwarded-Proto': 'https' }],
      ['http://localhost/', { Host: '127.0.0.1:4321', 'X-Forwarded-Host': 'tulna.example' }],
      ['https://localhost/', { Host: '127.0.0.1' }],
      ['http://localhost/', {}],
    ] as const) {
      expect(sessionCookieOptions(at(url, headers)).secure, JSON.stringify(headers)).toBe(true);
    }
  });
});

describe('CSRF tokens', () => {
  const key = 'k'.repeat(43);
  const secret = 's'.repeat(43);
  const token = csrfTokenFor(key, secret);
  const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request('http://127.0.0.1/account/logout', { method: 'POST', body, headers });

  it('are derived from the session and the site key, and compared whole', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(csrfTokenFor(key, 't'.repeat(43))).not.toBe(token);
    expect(csrfTokenFor('other key', secret)).not.toBe(token);
    expect(csrfMatches(token, token)).toBe(true);
    expect(csrfMatches(token, token.slice(0, -1))).toBe(false);
    expect(csrfMatches(token, null)).toBe(false);
  });

  it('are read from the header, an urlencoded form or a multipart form, and the page can still read the body', async () => {
    expect(await refuseWithoutCsrf(post('a=1', { 'X-CSRF-Token': token }), token)).toBeNull();
    const urlencoded = post(`a=1&csrf=${token}`, { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(await refuseWithoutCsrf(urlencoded, token)).toBeNull();
    expect((await urlencoded.formData()).get('a')).toBe('1');
    const multipart = new FormData();
    multipart.set('csrf', token);
    expect(await refuseWithoutCsrf(post(multipart), token)).toBeNull();
    for (const refused of [post('a=1'), post('csrf=wrong', { 'Content-Type': 'application/x-www-form-urlencoded' }), post(JSON.stringify({ csrf: token }), { 'Content-Type': 'application/json' })]) {
      expect((await refuseWithoutCsrf(refused, token))?.status).toBe(403);
    }
    expect((await refuseWithoutCsrf(post(`csrf=${token}`, { 'Content-Type': 'application/x-www-form-urlencoded' }), undefined))?.status, 'no session').toBe(403);
  });
});

describe('cross-site requests', () => {
  const at = (method: string, headers: Record<string, string>) => new Request('http://localhost/admin/products/1', { method, headers, ...(method === 'GET' ? {} : { body: 'x' }) });

  it('are refused for every state change, and reads pass', () => {
    expect(refuseCrossSiteRequest(at('GET', { Origin: 'https://evil.example' }))).toBeNull();
    expect(refuseCrossSiteRequest(at('POST', { Host: 'shop.example', Origin: 'https://evil.example' }))?.status).toBe(403);
    expect(refuseCrossSiteRequest(at('POST', { Host: 'shop.example', Origin: 'null' }))?.status).toBe(403);
    expect(refuseCrossSiteRequest(at('DELETE', { Host: 'shop.example' }))?.status).toBe(403);
    expect(refuseCrossSiteRequest(at('POST', { Host: 'shop.example', 'Sec-Fetch-Site': 'cross-site' }))?.status).toBe(403);
    // A foreign Origin wins over a claimed same-origin fetch.
    expect(refuseCrossSiteRequest(at('POST', { Host: 'shop.example', Origin: 'https://evil.example', 'Sec-Fetch-Site': 'same-origin' }))?.status).toBe(403);
    expect(refuseCrossSiteRequest(at('POST', { Host: 'shop.example', Origin: 'https://shop.example' }))).toBeNull();
    expect(refuseCrossSiteRequest(at('POST', { Host: 'shop.example', 'Sec-Fetch-Site': 'same-origin' }))).toBeNull();
    // Behind a reverse proxy that rewrites Host, the public host comes as X-Forwarded-Host.
    expect(refuseCrossSiteRequest(at('POST', { Host: '127.0.0.1:4321', 'X-Forwarded-Host': 'shop.example', Origin: 'https://shop.example' }))).toBeNull();
  });
});
