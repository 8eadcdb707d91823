import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import type { DbHandle } from '../../../db/client.ts';
import { createClaim, getClaimOf } from '../../../db/queries/retailers/claims.ts';
import { accounts, storeClaims } from '../../../db/retailers-schema.ts';
import { stores } from '../../../db/schema.ts';
import { checkClaim, isSameSiteRedirect, startClaimChecker, type CheckClaimOptions } from '../../../crawlers/retailers/claim-checker.ts';
import { DEFAULT_USER_AGENT } from '../../../crawlers/core/user-agent.ts';
import { openTestDatabase, testDrivers } from '../../helpers/db.ts';

const TOKEN = 'tulna-verify-0123456789abcdef0123456789abcdef';
const OTHER = 'tulna-verify-ffffffffffffffffffffffffffffffff';

type Route = (req: IncomingMessage, res: ServerResponse) => void;
interface Site {
  url: string;
  host: string;
  paths: string[];
  userAgents: (string | undefined)[];
  /** Bytes the server managed to write before the client hung up, per path. */
  written: Map<string, number>;
  close(): Promise<void>;
}

const open: Site[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((site) => site.close()));
});

/** A store on 127.0.0.1 answering the given routes (exact path), 404 elsewhere. */
async function site(routes: Record<string, Route | string>, hostname = '127.0.0.1'): Promise<Site> {
  const paths: string[] = [];
  const userAgents: (string | undefined)[] = [];
  const written = new Map<string, number>();
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    paths.push(path);
    userAgents.push(req.headers['user-agent']);
    const route = routes[path];
    if (route === undefined) {
      res.writeHead(404, { 'content-type': 'text/html' });
      return void res.end('<h1>Not found</h1>');
    }
    if (typeof route === 'string') {
      res.writeHead(200, { 'content-type': path.endsWith('.txt') ? 'text/plain' : 'text/html; charset=utf-8' });
      return void res.end(route);
    }
    route(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, hostname, resolve));
  const host = `${hostname}:${(server.address() as AddressInfo).port}`;
  const result: Site = {
    url: `http://${host}`,
    host,
    paths,
    userAgents,
    written,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  open.push(result);
  return result;
}

function page(head: string, body = '<p>Kettles</p>'): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>Shop</title>${head}</head><body>${body}</body></html>`;
}
const meta = (content: string, name = 'tulna-verification') => `<meta name="${name}" content="${content}">`;

function check(s: Site, options: CheckClaimOptions = {}) {
  return checkClaim({ verificationToken: TOKEN }, { baseUrl: `${s.url}/` }, { allowPrivateHosts: [s.host], ...options });
}

/** Streams `total` bytes: `start`, then filler, then `end`; counts what was written before the client left. */
function streaming(path: string, written: () => Map<string, number>, total: number, start: string, end = ''): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.write(start);
    let sent = start.length;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = (): void => {
      while (sent < total && !res.destroyed) {
        sent += chunk.length;
        written().set(path, sent);
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end(end);
    };
    pump();
  };
}

describe('checkClaim', () => {
  it('verifies a token in the home page meta tag, with the crawler user agent and no robots.txt', async () => {
    const s = await site({ '/': page(meta(TOKEN)) });
    expect(await check(s)).toEqual({ verified: true, method: 'meta', url: `${s.url}/` });
    expect(s.paths).toEqual(['/.well-known/tulna-verification.txt', '/']);
    expect(s.userAgents.every((agent) => agent === DEFAULT_USER_AGENT)).toBe(true);
  });

  it('verifies a token on a line of the well-known file, without fetching the home page', async () => {
    const s = await site({ '/.well-known/tulna-verification.txt': `# Tulna\r\n${OTHER}\r\n  ${TOKEN}  \r\n` });
    expect(await check(s)).toMatchObject({ verified: true, method: 'well-known' });
    expect(s.paths).toEqual(['/.well-known/tulna-verification.txt']);
  });

  it('follows a redirect within the site', async () => {
    const s = await site({
      '/': (_req, res) => res.writeHead(302, { location: '/en/' }).end(),
      '/en/': page(meta(TOKEN)),
    });
    expect(await check(s)).toEqual({ verified: true, method: 'meta', url: `${s.url}/en/` });
  });

  it('explains what is missing when neither is there', async () => {
    const s = await site({ '/': page('') });
    const result = await check(s);
    expect(result).toEqual({
      verified: false,
      reason: `no /.well-known/tulna-verification.txt (HTTP 404), and no <meta name="tulna-verification"> in the head on ${s.url}/`,
    });
  });

  it('refuses a wrong token in the meta tag and in the file', async () => {
    const s = await site({ '/': page(meta(OTHER)), '/.well-known/tulna-verification.txt': `${OTHER}\n` });
    const result = await check(s);
    expect(result.verified).toBe(false);
    expect(!result.verified && result.reason).toMatch(/does not hold this claim's token on a line of its own.*holds a different token/);
  });

  it('refuses the token within a line of the file rather than as the whole line', async () => {
    const s = await site({ '/.well-known/tulna-verification.txt': `token: ${TOKEN}\n` });
    expect((await check(s)).verified).toBe(false);
  });

  it.each([
    ['in a comment', page(`<!-- ${meta(TOKEN)} -->`)],
    ['in body text', page('', `<p>Our code: ${TOKEN}</p><p>${meta(TOKEN).replace(/</g, '&lt;')}</p>`)],
    ['in a meta of another name', page(meta(TOKEN, 'google-site-verification') + `<meta property="tulna-verification" content="${TOKEN}">`)],
    ['in a meta in the body', `<!doctype html><html><head><title>Shop</title></head><body><p>Review:</p>${meta(TOKEN)}</body></html>`],
    ['in a script', page(`<script>document.head.innerHTML += '${meta(TOKEN)}'</script>`)],
  ])('does not count the token %s', async (_what, html) => {
    const s = await site({ '/': html });
    const result = await check(s);
    expect(result.verified).toBe(false);
  });

  it('does not take the home page a missing well-known file redirects to as the file', async () => {
    const s = await site({
      '/.well-known/tulna-verification.txt': (_req, res) => res.writeHead(301, { location: '/' }).end(),
      '/': page('', `<pre>\n${TOKEN}\n</pre>`),
    });
    const result = await check(s);
    expect(result.verified).toBe(false);
    expect(!result.verified && result.reason).toContain(`no /.well-known/tulna-verification.txt (it redirects to ${s.url}/)`);
  });

  it('reads only the first 512 KB of a page', async () => {
    let s: Site;
    s = await site({
      '/': streaming('/', () => s.written, 20 * 1024 * 1024, page(meta(TOKEN)).replace('</html>', '')),
      '/late/': streaming('/late/', () => s.written, 700 * 1024, '<!doctype html><html><head><title>Shop</title>', `${meta(TOKEN)}</head><body></body></html>`),
    });
    expect(await check(s)).toMatchObject({ verified: true, method: 'meta' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(s.written.get('/') ?? 0).toBeLessThan(10 * 1024 * 1024); // hung up early, not read to the end

    const late = await checkClaim({ verificationToken: TOKEN }, { baseUrl: `${s.url}/late/` }, { allowPrivateHosts: [s.host] });
    expect(late.verified).toBe(false);
    expect(!late.verified && late.reason).toContain(`no <meta name="tulna-verification"> in the head in the first 512 KB of ${s.url}/late/`);
  });

  it('gives up on a slow server', async () => {
    const s = await site({ '/': () => {} });
    const started = Date.now();
    const result = await check(s, { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.verified).toBe(false);
    expect(!result.verified && result.reason).toContain(`${s.url}/ did not answer within 0.3 s`);
  });

  it('refuses a redirect to another host', async () => {
    const other = await site({ '/': page(meta(TOKEN)) }, '127.0.0.1');
    const otherByName = other.url.replace('127.0.0.1', 'localhost');
    const s = await site({
      '/': (_req, res) => res.writeHead(302, { location: `${otherByName}/` }).end(),
      '/.well-known/tulna-verification.txt': (_req, res) => res.writeHead(302, { location: `${other.url}/.well-known/tulna-verification.txt` }).end(),
    });
    const result = await check(s, { allowPrivateHosts: [s.host, other.host, otherByName.slice('http://'.length)] });
    expect(result.verified).toBe(false);
    expect(!result.verified && result.reason).toContain(`${s.url}/ redirects to ${otherByName}/, outside 127.0.0.1; only redirects within the store's own site are followed`);
    expect(other.paths).toEqual([]);
  });

  it('refuses more than 3 redirects', async () => {
    const hop = (to: string): Route => (_req, res) => res.writeHead(302, { location: to }).end();
    const s = await site({ '/': hop('/1'), '/1': hop('/2'), '/2': hop('/3'), '/3': hop('/4'), '/4': page(meta(TOKEN)) });
    const result = await check(s);
    expect(!result.verified && result.reason).toContain('redirects more than 3 times');
    expect(s.paths).not.toContain('/4');
  });

  it('refuses a private address unless the store is allowed, without a single request', async () => {
    const s = await site({ '/': page(meta(TOKEN)) });
    const result = await checkClaim({ verificationToken: TOKEN }, { baseUrl: `${s.url}/` });
    expect(result).toEqual({ verified: false, reason: `${s.host} is a private or loopback address; Tulna only checks public sites` });
    const otherPort = await checkClaim({ verificationToken: TOKEN }, { baseUrl: `${s.url}/` }, { allowPrivateHosts: ['127.0.0.1:1'] });
    expect(otherPort.verified).toBe(false);
    expect(s.paths).toEqual([]);
  });

  it('tells a same-site redirect from another site', () => {
    const same = (a: string, b: string) => isSameSiteRedirect(new URL(a), new URL(b));
    expect(same('http://shop.example/', 'https://shop.example/')).toBe(true);
    expect(same('http://shop.example/', 'https://www.shop.example/en/')).toBe(true);
    expect(same('https://www.shop.example/', 'https://shop.example/')).toBe(true);
    expect(same('https://shop.example/', 'http://shop.example/')).toBe(false);
    expect(same('https://shop.example/', 'https://evil.example/')).toBe(false);
    expect(same('https://a.host.example/', 'https://b.host.example/')).toBe(false);
    expect(same('https://shop.example/', 'https://shop.example.evil.example/')).toBe(false);
    expect(same('https://shop.example/', 'https://shop.example:8443/')).toBe(false);
  });
});

describe.each(testDrivers)('the claim checker on %s', (driver) => {
  let handle: DbHandle;
  let account: number;
  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    [{ id: account }] = await handle.db.insert(accounts).values({ email: 'owner@shop.test', passwordHash: 'x' }).returning({ id: accounts.id });
  });
  afterAll(() => handle.close());

  async function storeAt(id: string, s: Site): Promise<void> {
    await handle.db.insert(stores).values({ id, name: `Store ${id}`, baseUrl: `${s.url}/`, currency: 'EUR', sourceKind: 'jsonld' });
  }

  it('verifies a due claim end to end, calls onVerified once, and records why another failed', async () => {
    let tokenOnSite = '';
    const good = await site({ '/': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(page(meta(tokenOnSite))) });
    const bad = await site({ '/': page('') });
    await storeAt('good', good);
    await storeAt('bad', bad);
    const goodClaim = await createClaim(handle.db, account, 'good');
    const badClaim = await createClaim(handle.db, account, 'bad');
    tokenOnSite = goodClaim.verificationToken;

    const verified: string[] = [];
    const checker = startClaimChecker({
      db: handle.db,
      intervalMs: 0,
      allowPrivateHosts: [good.host, bad.host],
      onVerified: (storeId) => void verified.push(storeId),
    });
    try {
      expect(await checker.runOnce()).toBe(2);
      expect(verified).toEqual(['good']);
      expect(await getClaimOf(handle.db, account, goodClaim.id)).toMatchObject({ status: 'verified', verifiedBy: 'meta', checkRequestedAt: null, lastCheckError: null });
      const failed = (await getClaimOf(handle.db, account, badClaim.id))!;
      expect(failed).toMatchObject({ status: 'pending', checkRequestedAt: null });
      expect(failed.lastCheckError).toContain('no <meta name="tulna-verification">');

      // Nothing is due any more: no fetch, no second onVerified.
      const hits = good.paths.length + bad.paths.length;
      expect(await checker.runOnce(new Date(Date.now() + 120_000))).toBe(0);
      expect(good.paths.length + bad.paths.length).toBe(hits);
      expect(verified).toEqual(['good']);
    } finally {
      await checker.stop();
    }
  });

  it('runs on its timer until stopped, and survives a failing onVerified', async () => {
    let tokenOnSite = '';
    const s = await site({ '/.well-known/tulna-verification.txt': (_req, res) => res.writeHead(200).end(`${tokenOnSite}\n`) });
    await storeAt('timed', s);
    const claim = await createClaim(handle.db, account, 'timed');
    tokenOnSite = claim.verificationToken;
    const calls: string[] = [];
    const checker = startClaimChecker({
      db: handle.db,
      intervalMs: 50,
      allowPrivateHosts: [s.host],
      onVerified: (storeId) => {
        calls.push(storeId);
        throw new Error('positions unavailable');
      },
    });
    try {
      const deadline = Date.now() + 10_000;
      while (calls.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await checker.stop();
    }
    expect(calls).toEqual(['timed']);
    const [row] = await handle.db.select().from(storeClaims).where(eq(storeClaims.id, claim.id));
    expect(row).toMatchObject({ status: 'verified', verifiedBy: 'well-known' });
    expect(() => startClaimChecker({ db: handle.db, intervalMs: -1 })).toThrow(/intervalMs/);
  });
});
