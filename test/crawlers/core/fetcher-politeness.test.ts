import { afterEach, describe, expect, it } from 'vitest';
import { startHostileServer, type HostileServer, type HostileServerOptions } from '../../helpers/hostile-server.ts';
import type { Fetcher } from '../../../crawlers/core/types.ts';
import { createFetcher } from '../../../crawlers/core/fetcher.ts';
import { gaps, politeness, testFetcher, TEST_USER_AGENT } from './fetcher-fixture.ts';

let server: HostileServer | undefined;
let fetcher: Fetcher | undefined;

async function start(options: HostileServerOptions = {}): Promise<HostileServer> {
  server = await startHostileServer(options);
  return server;
}

afterEach(async () => {
  await fetcher?.close();
  await server?.close();
  fetcher = undefined;
  server = undefined;
});

// The fetcher spaces request starts; the server sees arrivals, which trail a start by the local
// connection latency. This slack absorbs that latency and is far below the gaps asserted.
const LATENCY_SLACK_MS = 25;

function pageArrivals(s: HostileServer): number[] {
  return s.requests.filter((request) => request.path !== '/robots.txt').map((request) => request.at);
}

describe('robots.txt', () => {
  it('forbid-all: every page is a robots error and no page is requested', async () => {
    const s = await start({ robots: 'forbid-all' });
    fetcher = testFetcher();
    const outcomes = await Promise.all(['/product/1', '/product/2', '/sitemap.xml'].map((path) => fetcher!.fetch({ url: s.url + path })));
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ kind: 'error', error: { kind: 'robots', retryable: false } });
    }
    expect([...s.hits.keys()]).toEqual(['/robots.txt']);
    expect(s.hits.get('/robots.txt')).toBe(1);
  });

  it('honours rules for our own token, not only for "*"', async () => {
    const s = await start({ robots: 'User-agent: *\nAllow: /\n\nUser-agent: TulnaBot\nDisallow: /product/2\n' });
    fetcher = testFetcher();
    expect(await fetcher.fetch({ url: `${s.url}/product/1` })).toMatchObject({ kind: 'ok' });
    expect(await fetcher.fetch({ url: `${s.url}/product/2` })).toMatchObject({ kind: 'error', error: { kind: 'robots' } });
    expect(s.hits.has('/product/2')).toBe(false);
  });

  it('a missing robots.txt (404) allows everything', async () => {
    const s = await start({ robotsStatus: 404 });
    fetcher = testFetcher();
    expect(await fetcher.fetch({ url: `${s.url}/product/1` })).toMatchObject({ kind: 'ok' });
  });

  it('an unreachable robots.txt (5xx) is tried twice, then the host is off limits for the run', async () => {
    const s = await start({ robotsStatus: 503 });
    fetcher = testFetcher();
    const first = await fetcher.fetch({ url: `${s.url}/product/1` });
    const second = await fetcher.fetch({ url: `${s.url}/product/2` });
    for (const outcome of [first, second]) {
      expect(outcome).toMatchObject({ kind: 'error', error: { kind: 'robots', retryable: true } });
    }
    expect(s.hits.get('/robots.txt')).toBe(2);
    expect(s.hits.has('/product/1')).toBe(false);
  });

  it('ignoreRobots skips robots.txt entirely', async () => {
    const s = await start({ robots: 'forbid-all' });
    fetcher = testFetcher({ ignoreRobots: true });
    expect(await fetcher.fetch({ url: `${s.url}/product/1` })).toMatchObject({ kind: 'ok' });
    expect(s.hits.has('/robots.txt')).toBe(false);
  });

  it('spaces requests by Crawl-delay when it is slower than the configured rate', async () => {
    const s = await start({ crawlDelay: 1 });
    fetcher = testFetcher({ requestsPerSecond: 50, concurrency: 4 });
    await Promise.all([1, 2, 3].map((n) => fetcher!.fetch({ url: `${s.url}/product/${n}` })));
    const spacing = gaps(pageArrivals(s));
    expect(spacing).toHaveLength(2);
    for (const gap of spacing) expect(gap).toBeGreaterThanOrEqual(1000 - LATENCY_SLACK_MS);
  });
});

describe('per-host politeness', () => {
  it('spaces request starts by the configured rate', async () => {
    const s = await start();
    fetcher = testFetcher({ requestsPerSecond: 5, concurrency: 4 });
    await Promise.all([1, 2, 3, 4].map((n) => fetcher!.fetch({ url: `${s.url}/product/${n}` })));
    for (const gap of gaps(s.requests.map((request) => request.at))) expect(gap).toBeGreaterThanOrEqual(200 - LATENCY_SLACK_MS);
  });

  it('never has more than `concurrency` requests in flight to one host', async () => {
    const s = await start();
    fetcher = testFetcher({ concurrency: 2, requestsPerSecond: 100 });
    const outcomes = await Promise.all(
      [1, 2, 3, 4, 5, 6, 7, 8].map((n) => fetcher!.fetch({ url: `${s.url}/product/${n}?delay=150` })),
    );
    expect(outcomes.every((outcome) => outcome.kind === 'ok')).toBe(true);
    // Exactly two: the limit is reached (so the test can tell) and never passed.
    expect(s.maxInFlight).toBe(2);
  });

  it('uses per-host politeness overrides', async () => {
    const s = await start();
    const host = new URL(s.url).host;
    fetcher = createFetcher({
      userAgent: TEST_USER_AGENT,
      politeness: politeness({ concurrency: 8 }),
      hostPoliteness: { [host]: politeness({ concurrency: 1 }) },
      allowPrivateAddresses: true,
    });
    await Promise.all([1, 2, 3, 4].map((n) => fetcher!.fetch({ url: `${s.url}/product/${n}?delay=100` })));
    expect(s.maxInFlight).toBe(1);
  });

  it('reports measured requests per host', async () => {
    const s = await start();
    fetcher = testFetcher();
    await fetcher.fetch({ url: `${s.url}/product/1` });
    await fetcher.fetch({ url: `${s.url}/product/2` });
    const stats = fetcher.stats()[new URL(s.url).host];
    expect(stats).toMatchObject({ requests: 3 }); // robots.txt and two pages
    expect(stats.bytes).toBeGreaterThan(0);
  });
});

describe('private addresses', () => {
  it('refuses loopback URLs unless allowed, without sending a request', async () => {
    const s = await start();
    fetcher = testFetcher({}, { allowPrivateAddresses: false });
    const direct = await fetcher.fetch({ url: `${s.url}/product/1` });
    expect(direct).toMatchObject({ kind: 'error', attempts: 1, error: { kind: 'private_address', retryable: false } });
    if (direct.kind === 'error') expect(direct.error.message).toContain('127.0.0.1');
    const byName = await fetcher.fetch({ url: `http://localhost:${new URL(s.url).port}/product/1` });
    expect(byName).toMatchObject({ kind: 'error', error: { kind: 'private_address' } });
    expect(s.requests).toHaveLength(0);
  });

  it('refuses the IPv6 loopback too', async () => {
    const s = await start();
    fetcher = testFetcher({}, { allowPrivateAddresses: false });
    const outcome = await fetcher.fetch({ url: `http://[::1]:${new URL(s.url).port}/product/1` });
    expect(outcome).toMatchObject({ kind: 'error', error: { kind: 'private_address' } });
  });
});

describe('closing', () => {
  it('turns fetches after close into errors instead of throwing', async () => {
    const s = await start();
    fetcher = testFetcher();
    await fetcher.close();
    expect(await fetcher.fetch({ url: `${s.url}/product/1` })).toMatchObject({ kind: 'error', error: { kind: 'network' } });
    expect(s.requests).toHaveLength(0);
  });
});
