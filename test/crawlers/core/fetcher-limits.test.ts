import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHostileServer, type HostileServer } from '../../helpers/hostile-server.ts';
import type { Fetcher, FetchOutcome } from '../../../crawlers/core/types.ts';
import { testFetcher } from './fetcher-fixture.ts';

let server: HostileServer;
let fetcher: Fetcher | undefined;

beforeAll(async () => {
  server = await startHostileServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await fetcher?.close();
  fetcher = undefined;
});

function expectError(outcome: FetchOutcome, kind: string): void {
  expect(outcome.kind).toBe('error');
  if (outcome.kind === 'error') expect(outcome.error.kind).toBe(kind);
}

describe('fetcher time limit', () => {
  it('times out a body that trickles forever (the limit covers the body, not just headers)', async () => {
    fetcher = testFetcher({ timeoutMs: 300, maxRetries: 0 });
    const outcome = await fetcher.fetch({ url: `${server.url}/slow` });
    expectError(outcome, 'timeout');
    if (outcome.kind === 'error') expect(outcome.error).toMatchObject({ retryable: true, message: expect.stringContaining('300 ms') });
  });

  it('times out a server that never sends headers, and retries timeouts', async () => {
    fetcher = testFetcher({ timeoutMs: 200, maxRetries: 1 });
    const outcome = await fetcher.fetch({ url: `${server.url}/slow-headers` });
    expectError(outcome, 'timeout');
    expect(outcome.attempts).toBe(2);
    expect(server.hits.get('/slow-headers')).toBe(2);
  });
});

describe('fetcher size limits', () => {
  it('cuts off a 20 MB streamed body past the cap', async () => {
    fetcher = testFetcher({ maxBodyBytes: 100_000 });
    const outcome = await fetcher.fetch({ url: `${server.url}/huge` });
    expectError(outcome, 'too_large');
    expect(outcome.attempts).toBe(1);
    // Reading stopped near the cap, not after 20 MB.
    const bytes = fetcher.stats()[new URL(server.url).host].bytes;
    expect(bytes).toBeLessThan(5_000_000);
  });

  it('refuses a declared Content-Length over the cap before reading', async () => {
    fetcher = testFetcher({ maxBodyBytes: 100_000 });
    const outcome = await fetcher.fetch({ url: `${server.url}/huge-declared` });
    expectError(outcome, 'too_large');
    if (outcome.kind === 'error') expect(outcome.error.message).toContain('20971520');
  });

  it('reports a gzip bomb as too_large (the cap applies to decompressed bytes)', async () => {
    fetcher = testFetcher({ maxBodyBytes: 1_000_000 });
    const outcome = await fetcher.fetch({ url: `${server.url}/gzip-bomb` });
    expectError(outcome, 'too_large');
    if (outcome.kind === 'error') expect(outcome.error.message).toMatch(/Decompressed \(gzip\)/);
    // The compressed body is far below the cap: only decompression could trip it.
    expect(fetcher.stats()[new URL(server.url).host].bytes).toBeLessThan(1_000_000);
  });

  it('decompresses an ordinary gzip page', async () => {
    fetcher = testFetcher();
    const outcome = await fetcher.fetch({ url: `${server.url}/gzip` });
    expect(outcome.kind).toBe('ok');
    if (outcome.kind === 'ok') expect(outcome.body).toContain('Hostile Test Kettle 104');
  });
});

describe('fetcher redirects', () => {
  it('follows a redirect chain and reports the final URL', async () => {
    fetcher = testFetcher();
    const outcome = await fetcher.fetch({ url: `${server.url}/redirect/3` });
    expect(outcome.kind).toBe('ok');
    if (outcome.kind !== 'ok') return;
    expect(outcome.requestedUrl).toBe(`${server.url}/redirect/3`);
    expect(outcome.url).toBe(`${server.url}/product/1`);
    expect(outcome.attempts).toBe(5);
  });

  it('detects a redirect cycle', async () => {
    fetcher = testFetcher();
    const outcome = await fetcher.fetch({ url: `${server.url}/redirect-loop` });
    expectError(outcome, 'redirect_loop');
    if (outcome.kind === 'error') expect(outcome.error.message).toContain('/redirect-loop');
  });

  it('stops after maxRedirects hops', async () => {
    fetcher = testFetcher({}, { maxRedirects: 2 });
    const outcome = await fetcher.fetch({ url: `${server.url}/redirect/5` });
    expectError(outcome, 'redirect_loop');
    if (outcome.kind === 'error') expect(outcome.error.message).toContain('More than 2 redirects');
  });
});
