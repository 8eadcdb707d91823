// The admin gate as a unit: pure Request in, Response (or "go on") out.
import { describe, expect, it } from 'vitest';
import { adminConfigFromEnv, createLoginLimiter, guardAdminRequest } from '../../src/lib/admin-auth.ts';
import { isAdminRoute } from '../../src/lib/route-policy.ts';
import { refuseCrossSiteRequest } from '../../src/lib/same-origin.ts';

const PASSWORD = 'correct horse battery';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** The page behind the gate answers 200. */
function serve(request: Request, password: string | undefined): Response {
  return guardAdminRequest(request, { password }, { clientAddress: '192.0.2.1', limiter: createLoginLimiter() }) ?? new Response('admin page', { status: 200 });
}

function request(method: string, headers: Record<string, string> = {}): Request {
  return new Request('http://127.0.0.1:4321/admin/products/1', { method, headers, ...(method === 'POST' ? { body: 'action=split' } : {}) });
}

describe('admin gate', () => {
  it('answers 404 to everyone while no password is configured', async () => {
    const response = serve(request('GET', { Authorization: basic('admin', PASSWORD) }), undefined);
    expect(response.status).toBe(404);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    expect(response.headers.get('WWW-Authenticate')).toBeNull();
  });

  it('asks for Basic credentials when they are missing, malformed or wrong', () => {
    for (const authorization of [undefined, 'Bearer x', 'Basic !!!', basic('admin', 'wrong password!!'), basic('root', PASSWORD), basic('admin', `${PASSWORD} `)]) {
      const response = serve(request('GET', authorization ? { Authorization: authorization } : {}), PASSWORD);
      expect(response.status, String(authorization)).toBe(401);
      expect(response.headers.get('WWW-Authenticate')).toMatch(/^Basic realm="Tulna admin"/);
      expect(response.headers.get('Cache-Control')).toBe('no-store');
      expect(response.headers.get('X-Robots-Tag')).toMatch(/noindex/);
    }
  });

  it('lets the admin in with the right password (a colon in it included)', () => {
    expect(serve(request('GET', { Authorization: basic('admin', PASSWORD) }), PASSWORD).status).toBe(200);
    expect(serve(request('GET', { Authorization: basic('admin', 'a:b:c:long-enough') }), 'a:b:c:long-enough').status).toBe(200);
  });

  it('refuses a POST that does not come from the admin page itself', () => {
    const auth = { Authorization: basic('admin', PASSWORD) };
    expect(serve(request('POST', { ...auth, Origin: 'https://evil.example' }), PASSWORD).status).toBe(403);
    expect(serve(request('POST', { ...auth, Origin: 'http://127.0.0.1:4322' }), PASSWORD).status).toBe(403);
    expect(serve(request('POST', auth), PASSWORD).status).toBe(403);
    expect(serve(request('POST', { ...auth, 'Sec-Fetch-Site': 'cross-site' }), PASSWORD).status).toBe(403);
    // A foreign Origin wins over a claimed same-origin fetch.
    expect(serve(request('POST', { ...auth, Origin: 'https://evil.example', 'Sec-Fetch-Site': 'same-origin' }), PASSWORD).status).toBe(403);
    expect(serve(request('POST', { ...auth, Origin: 'http://127.0.0.1:4321' }), PASSWORD).status).toBe(200);
    expect(serve(request('POST', { ...auth, 'Sec-Fetch-Site': 'same-origin' }), PASSWORD).status).toBe(200);
    // Without credentials a POST is a 401 first.
    expect(serve(request('POST', { Origin: 'https://evil.example' }), PASSWORD).status).toBe(401);
  });

  it('compares Origin with the Host the browser sent, not the URL the server made up', () => {
    const behindAstro = (headers: Record<string, string>) =>
      new Request('http://localhost/admin/products/1', { method: 'POST', body: 'x', headers: { Authorization: basic('admin', PASSWORD), ...headers } });
    expect(serve(behindAstro({ Host: 'shop.example:8080', Origin: 'https://shop.example:8080' }), PASSWORD).status).toBe(200);
    expect(serve(behindAstro({ Host: 'shop.example:8080', Origin: 'http://localhost' }), PASSWORD).status).toBe(403);
    expect(serve(behindAstro({ Host: 'shop.example', Origin: 'null' }), PASSWORD).status).toBe(403);
    expect(serve(behindAstro({ Host: 'shop.example', Origin: 'not a url' }), PASSWORD).status).toBe(403);
    // Behind a reverse proxy that rewrites Host, the public host comes as X-Forwarded-Host.
    expect(serve(behindAstro({ Host: '127.0.0.1:4321', 'X-Forwarded-Host': 'shop.example', Origin: 'https://shop.example' }), PASSWORD).status).toBe(200);
    expect(serve(behindAstro({ Host: '127.0.0.1:4321', 'X-Forwarded-Host': 'shop.example', Origin: 'https://evil.example' }), PASSWORD).status).toBe(403);
  });

  it('refuses cross-site state changes on every other path too, and lets reads through', () => {
    const at = (method: string, headers: Record<string, string>) => new Request('http://localhost/api/search', { method, headers, ...(method === 'GET' ? {} : { body: 'x' }) });
    expect(refuseCrossSiteRequest(at('GET', { Origin: 'https://evil.example' }))).toBeNull();
    expect(refuseCrossSiteRequest(at('POST', { Host: 'shop.example', Origin: 'https://evil.example' }))?.status).toBe(403);
    expect(refuseCrossSiteRequest(at('DELETE', { Host: 'shop.example' }))?.status).toBe(403);
    expect(refuseCrossSiteRequest(at('POST', { Host: 'shop.example', Origin: 'https://shop.example' }))).toBeNull();
  });

  it('reads the password from the environment with zod, refusing a short one', () => {
    expect(adminConfigFromEnv({})).toEqual({ password: undefined });
    expect(adminConfigFromEnv({ TULNA_ADMIN_PASSWORD: '  ' })).toEqual({ password: undefined });
    expect(adminConfigFromEnv({ TULNA_ADMIN_PASSWORD: PASSWORD })).toEqual({ password: PASSWORD });
    expect(() => adminConfigFromEnv({ TULNA_ADMIN_PASSWORD: 'short' })).toThrow(/TULNA_ADMIN_PASSWORD.*at least 12 characters/);
  });

  it('guards /admin and everything under it, nothing else', () => {
    const byPath = (path: string) => isAdminRoute(undefined, path);
    expect(['/admin', '/admin/', '/admin/products/3'].every(byPath)).toBe(true);
    expect(['/', '/administrator', '/p/admin', '/api/admin'].some(byPath)).toBe(false);
  });

  it('guards the admin routes whichever way their path is spelled', () => {
    for (const path of ['//admin', '/./admin', '/%61dmin', '/admin/', '/Admin', '/ADMIN/products/1', '/x/../admin', '\\admin', '//admin//products/1', '/%2561dmin'.replace('%25', '%')]) {
      expect(isAdminRoute(undefined, path), path).toBe(true);
    }
    // The route the router matched decides, whatever the path said.
    expect(isAdminRoute('/admin/products/[id]', '/anything')).toBe(true);
    expect(isAdminRoute('/p/[id]', '/p/1')).toBe(false);
  });
});

describe('admin login rate limit', () => {
  const auth = (password: string) => ({ Authorization: basic('admin', password) });
  const at = (headers: Record<string, string>) => new Request('http://127.0.0.1:4321/admin', { headers });

  it('locks an address out after 5 wrong guesses with 429 and Retry-After, right guesses included', () => {
    let now = 0;
    const limiter = createLoginLimiter(() => now);
    const guess = (password: string, clientAddress = '198.51.100.7') =>
      guardAdminRequest(at(auth(password)), { password: PASSWORD }, { clientAddress, limiter });
    for (let i = 0; i < 4; i++) expect(guess(`wrong guess ${i}`)?.status).toBe(401);
    const locked = guess('wrong guess 4');
    expect(locked?.status).toBe(429);
    expect(Number(locked?.headers.get('Retry-After'))).toBe(60);
    expect(guess(PASSWORD)?.status, 'the right password while locked').toBe(429);
    // Another address is not locked, and its right guess goes through at once.
    expect(guess(PASSWORD, '203.0.113.9')).toBeNull();
    now += 61_000;
    expect(guess(PASSWORD)).toBeNull();
    // The next lock lasts twice as long.
    for (let i = 0; i < 4; i++) guess(`again ${i}`);
    expect(Number(guess('again 4')?.headers.get('Retry-After'))).toBe(120);
  });

  it('locks the account when guesses come from many addresses', () => {
    const limiter = createLoginLimiter(() => 0);
    const statuses = Array.from({ length: 25 }, (_, i) =>
      guardAdminRequest(at(auth(`guess ${i}`)), { password: PASSWORD }, { clientAddress: `10.0.0.${i}`, limiter })?.status,
    );
    expect(statuses.slice(0, 19).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(19).every((status) => status === 429)).toBe(true);
  });

  it('does not count a request without credentials as a guess', () => {
    const limiter = createLoginLimiter(() => 0);
    for (let i = 0; i < 50; i++) expect(guardAdminRequest(at({}), { password: PASSWORD }, { clientAddress: '192.0.2.5', limiter })?.status).toBe(401);
    expect(guardAdminRequest(at(auth(PASSWORD)), { password: PASSWORD }, { clientAddress: '192.0.2.5', limiter })).toBeNull();
  });
});
