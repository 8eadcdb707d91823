import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ETAG, LAST_MODIFIED, startHostileServer, type HostileServer } from '../../helpers/hostile-server.ts';
import type { Fetcher } from '../../../crawlers/core/types.ts';
import { TEST_USER_AGENT, testFetcher } from './fetcher-fixture.ts';

let server: HostileServer;
let fetcher: Fetcher;

beforeAll(async () => {
  server = await startHostileServer();
  fetcher = testFetcher({ maxRetries: 2 });
});
afterAll(async () => {
  await fetcher.close();
  await server.close();
});

describe('fetcher outcomes', () => {
  it('returns a good page with validators, the honest User-Agent sent', async () => {
    const outcome = await fetcher.fetch({ url: `${server.url}/etag` });
    expect(outcome).toMatchObject({ kind: 'ok', status: 200, etag: ETAG, lastModified: LAST_MODIFIED, attempts: 1 });
    const request = server.requests.find((r) => r.path === '/etag');
    expect(request?.headers['user-agent']).toBe(TEST_USER_AGENT);
  });

  it('answers not_modified on 304 for If-None-Match and for If-Modified-Since', async () => {
    expect(await fetcher.fetch({ url: `${server.url}/etag`, etag: ETAG })).toMatchObject({ kind: 'not_modified' });
    expect(await fetcher.fetch({ url: `${server.url}/etag`, lastModified: LAST_MODIFIED })).toMatchObject({ kind: 'not_modified' });
    expect(await fetcher.fetch({ url: `${server.url}/etag`, etag: '"stale"' })).toMatchObject({ kind: 'ok' });
  });

  it('reports 404 and 410 as gone', async () => {
    expect(await fetcher.fetch({ url: `${server.url}/gone` })).toMatchObject({ kind: 'gone', status: 404 });
    expect(await fetcher.fetch({ url: `${server.url}/gone-410` })).toMatchObject({ kind: 'gone', status: 410 });
  });

  it('tells a 403 captcha (blocked) from a plain 403 (http_status)', async () => {
    expect(await fetcher.fetch({ url: `${server.url}/captcha` })).toMatchObject({
      kind: 'error',
      error: { kind: 'blocked', httpStatus: 403, retryable: false },
    });
    expect(await fetcher.fetch({ url: `${server.url}/forbidden` })).toMatchObject({
      kind: 'error',
      error: { kind: 'http_status', httpStatus: 403 },
    });
  });

  it('reports a 200 captcha wall as blocked', async () => {
    expect(await fetcher.fetch({ url: `${server.url}/captcha-200` })).toMatchObject({ kind: 'error', error: { kind: 'blocked', httpStatus: 200 } });
  });

  it('does not retry a 503 challenge page', async () => {
    const outcome = await fetcher.fetch({ url: `${server.url}/503-challenge` });
    expect(outcome).toMatchObject({ kind: 'error', attempts: 1, error: { kind: 'blocked', httpStatus: 503 } });
    expect(server.hits.get('/503-challenge')).toBe(1);
  });

  it('refuses binary junk and HTML served as octet-stream when HTML is expected', async () => {
    expect(await fetcher.fetch({ url: `${server.url}/binary` })).toMatchObject({ kind: 'error', error: { kind: 'content_type' } });
    expect(await fetcher.fetch({ url: `${server.url}/wrong-type`, expect: 'html' })).toMatchObject({
      kind: 'error',
      error: { kind: 'content_type', message: expect.stringContaining('application/octet-stream') },
    });
  });

  it("accepts anything when the caller expects 'any', with the raw bytes", async () => {
    const outcome = await fetcher.fetch({ url: `${server.url}/binary`, expect: 'any' });
    expect(outcome.kind).toBe('ok');
    if (outcome.kind === 'ok') expect([...outcome.bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  it('decodes by the Content-Type charset and by <meta charset>', async () => {
    const latin1 = await fetcher.fetch({ url: `${server.url}/charset/latin1` });
    expect(latin1.kind === 'ok' && latin1.body).toContain('Café crème £');
    const meta = await fetcher.fetch({ url: `${server.url}/charset/meta` });
    expect(meta.kind === 'ok' && meta.body).toContain('€ é');
  });

  it('keeps pages with odd markup or prices as ok: judging them is extraction’s job', async () => {
    for (const path of ['/malformed-html', '/malformed-jsonld', '/absurd-price', '/absurd-price/huge']) {
      expect((await fetcher.fetch({ url: `${server.url}${path}` })).kind).toBe('ok');
    }
  });

  it('counts requests and bytes per host', async () => {
    const stats = fetcher.stats()[new URL(server.url).host];
    expect(stats.requests).toBe(server.requests.length);
    expect(stats.bytes).toBeGreaterThan(1000);
    expect(stats.lastAt).toBeGreaterThanOrEqual(stats.firstAt);
  });
});
