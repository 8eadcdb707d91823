// The streamed fetch against a real HTTP server on 127.0.0.1: decoded bytes (Content-Encoding and
// gzip payloads), an idle timeout rather than a total one, its own byte cap (bombs included),
// redirects, retries before the body, 304s, the private-address guard, and the body torn down
// when the reader stops early.
import http, { type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FetchFailure } from '../../../crawlers/core/errors.ts';
import type { Fetcher, StreamOutcome } from '../../../crawlers/core/types.ts';
import { testFetcher } from './fetcher-fixture.ts';

const FEED = 'id\ttitle\tprice\n' + Array.from({ length: 2_000 }, (_, i) => `${i}\tItem ${i}\t${i}.99 EUR`).join('\n') + '\n';
const ETAG = '"feed-v1"';
let bomb: Buffer | undefined;

interface Server {
  url: string;
  hits: Map<string, number>;
  /** Paths whose response the client closed before it ended. */
  abandoned: Set<string>;
  close(): Promise<void>;
}

async function startServer(): Promise<Server> {
  const hits = new Map<string, number>();
  const abandoned = new Set<string>();
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    const count = (hits.get(path) ?? 0) + 1;
    hits.set(path, count);
    res.on('close', () => {
      if (!res.writableFinished) abandoned.add(path);
    });
    const send = (status: number, body: string | Buffer, headers: http.OutgoingHttpHeaders = {}) => {
      res.writeHead(status, { 'content-type': 'text/tab-separated-values', ...headers });
      res.end(body);
    };
    switch (path) {
      case '/robots.txt':
        return send(200, 'User-agent: *\nDisallow: /private\n', { 'content-type': 'text/plain' });
      case '/feed.tsv':
        if (req.headers['if-none-match'] === ETAG) return void res.writeHead(304, { etag: ETAG }).end();
        return send(200, FEED, { etag: ETAG, 'last-modified': 'Mon, 02 Nov 2026 10:00:00 GMT' });
      case '/encoded':
        return send(200, gzipSync(FEED), { 'content-encoding': 'gzip' });
      case '/feed.tsv.gz':
        return send(200, gzipSync(FEED), { 'content-type': 'application/octet-stream' });
      case '/double':
        // A .gz file served with Content-Encoding on top.
        return send(200, gzipSync(gzipSync(FEED)), { 'content-type': 'application/gzip', 'content-encoding': 'gzip' });
      case '/truncated.gz':
        return send(200, gzipSync(FEED).subarray(0, 400), { 'content-type': 'application/gzip' });
      case '/big.tsv':
        return send(200, Buffer.alloc(1_000_000, 'b'));
      case '/tiny':
        return send(200, 'x');
      case '/empty':
        return send(200, '');
      case '/stall':
        res.writeHead(200, { 'content-type': 'text/plain' });
        return void res.write('id\ttitle\n1\tfirst row\n'); // and then nothing, ever
      case '/trickle': {
        // 12 chunks 80 ms apart: about a second in all, never quiet for long.
        res.writeHead(200, { 'content-type': 'text/plain' });
        let left = 12;
        const tick = (): void => {
          if (res.destroyed) return;
          if (left-- === 0) return void res.end();
          res.write(`row ${left}\n`);
          setTimeout(tick, 80);
        };
        return tick();
      }
      case '/endless':
        res.writeHead(200, { 'content-type': 'text/plain' });
        return endless(res);
      case '/bomb':
        bomb ??= gzipSync(Buffer.alloc(64 * 1024 * 1024, ' '), { level: 9 });
        return send(200, bomb, { 'content-type': 'application/gzip' });
      case '/declared':
        res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(10 * 1024 ** 3) });
        return void res.write('a');
      case '/redirect':
        return send(302, '', { location: '/feed.tsv' });
      case '/flaky':
        return count === 1 ? send(503, 'try again') : send(200, FEED);
      case '/gone':
        return send(404, 'no feed here', { 'content-type': 'text/html' });
      default:
        return send(404, 'not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    abandoned,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Writes forever (until the client goes), respecting backpressure. */
function endless(res: ServerResponse): void {
  const chunk = Buffer.alloc(64 * 1024, 'z');
  const write = (): void => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once('drain', write);
  };
  write();
}

async function readAll(outcome: StreamOutcome): Promise<string> {
  if (outcome.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  const chunks: Buffer[] = [];
  for await (const chunk of outcome.body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** How the fetch failed: before the body (an error outcome) or while reading it. */
async function failureOf(outcome: StreamOutcome): Promise<Pick<FetchFailure, 'kind' | 'message' | 'retryable'>> {
  if (outcome.kind === 'error') return outcome.error;
  const error = await readAll(outcome).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FetchFailure);
  return error as FetchFailure;
}

let server: Server;
let fetcher: Fetcher | undefined;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});
afterEach(async () => {
  await fetcher?.close();
  fetcher = undefined;
});

describe('fetcher.stream', () => {
  it('streams the body with its validators, and answers not_modified to a conditional request', async () => {
    fetcher = testFetcher();
    const outcome = await fetcher.stream({ url: `${server.url}/feed.tsv` });
    expect(outcome).toMatchObject({ kind: 'ok', status: 200, etag: ETAG, lastModified: 'Mon, 02 Nov 2026 10:00:00 GMT' });
    expect(await readAll(outcome)).toBe(FEED);
    const again = await fetcher.stream({ url: `${server.url}/feed.tsv`, etag: ETAG });
    expect(again.kind).toBe('not_modified');
  });

  it.each(['/encoded', '/feed.tsv.gz', '/double'])('gives decoded bytes for %s', async (path) => {
    fetcher = testFetcher();
    expect(await readAll(await fetcher.stream({ url: `${server.url}${path}` }))).toBe(FEED);
  });

  it('hands over tiny and empty bodies whole', async () => {
    fetcher = testFetcher();
    expect(await readAll(await fetcher.stream({ url: `${server.url}/tiny` }))).toBe('x');
    expect(await readAll(await fetcher.stream({ url: `${server.url}/empty` }))).toBe('');
  });

  it('fails a truncated gzip payload instead of ending quietly', async () => {
    fetcher = testFetcher();
    const failure = await failureOf(await fetcher.stream({ url: `${server.url}/truncated.gz` }));
    expect(failure.message).toMatch(/Could not decode the compressed body of .*truncated\.gz|Connection closed/);
  });

  it('times out a body that goes quiet, but not one that keeps trickling past the timeout', async () => {
    fetcher = testFetcher({ timeoutMs: 300, maxRetries: 0 });
    const stalled = await fetcher.stream({ url: `${server.url}/stall` });
    expect(stalled.kind).toBe('ok'); // the first bytes came: the body failed later
    const failure = await failureOf(stalled);
    expect(failure).toMatchObject({ kind: 'timeout', retryable: true });
    expect(failure.message).toMatch(/No data from .*\/stall for 300 ms/);
    const started = Date.now();
    const text = await readAll(await fetcher.stream({ url: `${server.url}/trickle` }));
    expect(Date.now() - started).toBeGreaterThan(600);
    expect(text.split('\n').filter(Boolean)).toHaveLength(12);
  });

  it('does not count a slow reader as an idle network', async () => {
    fetcher = testFetcher({ timeoutMs: 200 });
    const outcome = await fetcher.stream({ url: `${server.url}/big.tsv` });
    if (outcome.kind !== 'ok') throw new Error(outcome.kind);
    let size = 0;
    let chunks = 0;
    for await (const chunk of outcome.body) {
      size += (chunk as Buffer).length;
      // Longer than the idle timeout, while the server waits on backpressure.
      if (chunks++ < 6) await sleep(250);
    }
    expect(chunks).toBeGreaterThan(6);
    expect(size).toBe(1_000_000);
  });

  it('cuts off an endless body at its own cap, above the page body cap', async () => {
    fetcher = testFetcher({ maxBodyBytes: 100_000 });
    const failure = await failureOf(await fetcher.stream({ url: `${server.url}/endless`, maxBytes: 3_000_000 }));
    expect(failure.kind).toBe('too_large');
    expect(failure.message).toMatch(/over the 3000000-byte cap/);
    await expect.poll(() => server.abandoned.has('/endless')).toBe(true);
  });

  it('cuts off a gzip bomb by its decoded size', async () => {
    fetcher = testFetcher();
    const failure = await failureOf(await fetcher.stream({ url: `${server.url}/bomb`, maxBytes: 5_000_000 }));
    expect(failure.kind).toBe('too_large');
    expect(failure.message).toMatch(/decoded/);
  });

  it('refuses a declared 10 GB body before reading it', async () => {
    fetcher = testFetcher();
    const outcome = await fetcher.stream({ url: `${server.url}/declared` });
    expect(outcome).toMatchObject({ kind: 'error', error: { kind: 'too_large' } });
  });

  it('follows redirects, retries before the body starts, and maps 404 to gone', async () => {
    fetcher = testFetcher();
    const redirected = await fetcher.stream({ url: `${server.url}/redirect` });
    expect(redirected).toMatchObject({ kind: 'ok', url: `${server.url}/feed.tsv`, requestedUrl: `${server.url}/redirect` });
    expect(await readAll(redirected)).toBe(FEED);
    const flaky = await fetcher.stream({ url: `${server.url}/flaky` });
    expect(flaky).toMatchObject({ kind: 'ok', attempts: 2 });
    expect(await readAll(flaky)).toBe(FEED);
    expect(await fetcher.stream({ url: `${server.url}/gone` })).toMatchObject({ kind: 'gone', status: 404 });
  });

  it('honours robots.txt and refuses private addresses', async () => {
    fetcher = testFetcher();
    expect(await fetcher.stream({ url: `${server.url}/private/feed.tsv` })).toMatchObject({ kind: 'error', error: { kind: 'robots' } });
    await fetcher.close();
    fetcher = testFetcher({}, { allowPrivateAddresses: false });
    const refused = await fetcher.stream({ url: `${server.url}/feed.tsv` });
    expect(refused).toMatchObject({ kind: 'error', error: { kind: 'private_address' } });
  });

  it('closes the connection when the reader stops early', async () => {
    server.abandoned.clear();
    fetcher = testFetcher();
    const outcome = await fetcher.stream({ url: `${server.url}/endless`, maxBytes: 1e12 });
    if (outcome.kind !== 'ok') throw new Error(outcome.kind);
    let size = 0;
    for await (const chunk of outcome.body) {
      size += (chunk as Buffer).length;
      if (size > 500_000) break;
    }
    expect(outcome.body.destroyed).toBe(true);
    await expect.poll(() => server.abandoned.has('/endless')).toBe(true);
  });

  it('ends the body with an error when the fetcher closes mid-read', async () => {
    fetcher = testFetcher();
    const outcome = await fetcher.stream({ url: `${server.url}/stall` });
    const pending = failureOf(outcome);
    await fetcher.close();
    expect((await pending).message).toMatch(/fetcher is closing/);
  });
});
