import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHostileServer, type HostileServer } from '../../helpers/hostile-server.ts';
import type { Fetcher } from '../../../crawlers/core/types.ts';
import { testFetcher } from './fetcher-fixture.ts';

let server: HostileServer;
let fetcher: Fetcher;

beforeEach(async () => {
  server = await startHostileServer();
});
afterEach(async () => {
  await fetcher?.close();
  await server.close();
});

function arrivals(path: string): number[] {
  return server.requests.filter((request) => request.path === path).map((request) => request.at);
}

describe('fetcher retries', () => {
  it('retries a 500 maxRetries times, then reports http_status as retryable', async () => {
    fetcher = testFetcher({ maxRetries: 2 });
    const outcome = await fetcher.fetch({ url: `${server.url}/500` });
    expect(outcome.kind).toBe('error');
    if (outcome.kind !== 'error') return;
    expect(outcome.error).toMatchObject({ kind: 'http_status', httpStatus: 500, retryable: true });
    expect(outcome.attempts).toBe(3);
    expect(server.hits.get('/500')).toBe(3);
  });

  it('gets through a flaky page on the third attempt', async () => {
    fetcher = testFetcher({ maxRetries: 3 });
    const outcome = await fetcher.fetch({ url: `${server.url}/flaky` });
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    expect(outcome.attempts).toBe(3);
    expect(outcome.body).toContain('"@type":"Product"');
    expect(server.hits.get('/flaky')).toBe(3);
  });

  it('does not retry when maxRetries is 0', async () => {
    fetcher = testFetcher({ maxRetries: 0 });
    const outcome = await fetcher.fetch({ url: `${server.url}/flaky` });
    expect(outcome).toMatchObject({ kind: 'error', attempts: 1, error: { kind: 'http_status', httpStatus: 500 } });
    expect(server.hits.get('/flaky')).toBe(1);
  });

  it('waits at least Retry-After (seconds) before asking again after a 429', async () => {
    fetcher = testFetcher({ maxRetries: 2 });
    const outcome = await fetcher.fetch({ url: `${server.url}/429` });
    expect(outcome).toMatchObject({ kind: 'ok', attempts: 2 });
    const [first, second] = arrivals('/429');
    expect(second - first).toBeGreaterThanOrEqual(1000);
  });

  it('waits until a Retry-After HTTP-date', async () => {
    fetcher = testFetcher({ maxRetries: 2 });
    const outcome = await fetcher.fetch({ url: `${server.url}/429-date` });
    expect(outcome).toMatchObject({ kind: 'ok', attempts: 2 });
    const [first, second] = arrivals('/429-date');
    // The date is two seconds ahead, truncated to whole seconds: at least one second later.
    expect(second - first).toBeGreaterThanOrEqual(1000);
  });

  it('gives up at once as rate_limited when Retry-After is over the cap', async () => {
    fetcher = testFetcher({ maxRetries: 3 });
    const outcome = await fetcher.fetch({ url: `${server.url}/429-forever` });
    expect(outcome).toMatchObject({ kind: 'error', attempts: 1, error: { kind: 'rate_limited', httpStatus: 429, retryable: true } });
    if (outcome.kind === 'error') expect(outcome.error.message).toContain('3600');
    expect(server.hits.get('/429-forever')).toBe(1);
  });

  it('reports rate_limited after retries when 429 persists without Retry-After', async () => {
    fetcher = testFetcher({ maxRetries: 2 });
    const outcome = await fetcher.fetch({ url: `${server.url}/429-always` });
    expect(outcome).toMatchObject({ kind: 'error', attempts: 3, error: { kind: 'rate_limited', httpStatus: 429, retryable: true } });
    expect(server.hits.get('/429-always')).toBe(3);
  });

  it('retries network errors and reports them as network', async () => {
    const gone = await startHostileServer();
    const deadUrl = `${gone.url}/product/1`;
    await gone.close();
    fetcher = testFetcher({ maxRetries: 2, ignoreRobots: true });
    const outcome = await fetcher.fetch({ url: deadUrl });
    expect(outcome).toMatchObject({ kind: 'error', attempts: 3, error: { kind: 'network', retryable: true } });
    if (outcome.kind === 'error') expect(outcome.error.message).toContain('ECONNREFUSED');
  });

  it('never throws, even for a URL that cannot be parsed', async () => {
    fetcher = testFetcher();
    const outcome = await fetcher.fetch({ url: 'not a url' });
    expect(outcome).toMatchObject({ kind: 'error', requestedUrl: 'not a url', attempts: 0, error: { kind: 'network' } });
  });
});
