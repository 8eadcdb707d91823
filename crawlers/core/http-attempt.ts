// One HTTP GET over node:http(s), no redirects followed: the total time (headers and body) is
// capped, the body is read as a stream and cut off past the cap, and Content-Encoding is
// decompressed with the same cap on the decompressed size (a gzip bomb becomes 'too_large').
import http, { type IncomingHttpHeaders } from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';
import type { Readable } from 'node:stream';
import { FetchFailure, toFetchFailure } from './errors.ts';
import { guardedLookup } from './address-guard.ts';

export interface AttemptOptions {
  url: URL;
  headers: Record<string, string>;
  timeoutMs: number;
  maxBodyBytes: number;
  allowPrivateAddresses: boolean;
  agents: { http: http.Agent; https: https.Agent };
  /** Aborts the attempt (the fetcher is closing). */
  signal?: AbortSignal;
  /** Told of every chunk received on the wire, also for attempts that fail later. */
  onWireBytes?: (bytes: number) => void;
}

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body after Content-Encoding was undone. */
  bytes: Buffer;
  /** Bytes received on the wire (before decompression). */
  wireBytes: number;
}

function decompressorFor(encoding: string): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  const flush = { finishFlush: zlib.constants.Z_SYNC_FLUSH };
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip(flush);
    case 'deflate':
      return zlib.createInflate(flush);
    case 'br':
      return zlib.createBrotliDecompress({ finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH });
    default:
      return null;
  }
}

export function performAttempt(options: AttemptOptions): Promise<RawResponse> {
  const { url, timeoutMs, maxBodyBytes } = options;
  const href = url.href;
  return new Promise((resolve, reject) => {
    let settled = false;
    let wireBytes = 0;
    let request: http.ClientRequest | undefined;

    const finish = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      return true;
    };
    const fail = (failure: FetchFailure): void => {
      if (!finish()) return;
      request?.destroy();
      reject(failure);
    };
    const onAbort = (): void => fail(new FetchFailure('network', `Fetch of ${href} aborted: the fetcher is closing`));
    const timer = setTimeout(
      () => fail(new FetchFailure('timeout', `No complete answer from ${href} within ${timeoutMs} ms`, { retryable: true })),
      timeoutMs,
    );
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });

    const tooLarge = (what: string, size: number): FetchFailure =>
      new FetchFailure('too_large', `${what} of ${href} is over the ${maxBodyBytes}-byte cap (${size} bytes or more)`);

    const transport = url.protocol === 'https:' ? https : http;
    request = transport.request(url, {
      method: 'GET',
      headers: options.headers,
      agent: url.protocol === 'https:' ? options.agents.https : options.agents.http,
      lookup: options.allowPrivateAddresses ? undefined : (guardedLookup as never),
    });
    request.on('error', (error) => fail(toFetchFailure(error, href)));
    request.on('response', (response) => {
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBodyBytes) {
        return fail(tooLarge('Declared Content-Length', declared));
      }
      response.on('data', (chunk: Buffer) => {
        wireBytes += chunk.length;
        options.onWireBytes?.(chunk.length);
        if (wireBytes > maxBodyBytes) fail(tooLarge('Body', wireBytes));
      });
      response.on('aborted', () => fail(new FetchFailure('network', `Connection closed while reading ${href}`, { retryable: true })));
      response.on('error', (error) => fail(toFetchFailure(error, href)));

      const encoding = String(response.headers['content-encoding'] ?? '').trim().toLowerCase();
      const decompressor = decompressorFor(encoding);
      let body: Readable = response;
      if (decompressor) {
        decompressor.on('error', (error) =>
          fail(new FetchFailure('network', `Could not decode ${encoding} body of ${href}: ${error.message}`, { retryable: true, cause: error })),
        );
        body = response.pipe(decompressor);
      }
      const chunks: Buffer[] = [];
      let size = 0;
      body.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBodyBytes) {
          decompressor?.destroy();
          return fail(tooLarge(decompressor ? `Decompressed (${encoding}) body` : 'Body', size));
        }
        chunks.push(chunk);
      });
      body.on('end', () => {
        if (!finish()) return;
        resolve({ status: response.statusCode ?? 0, headers: response.headers, bytes: Buffer.concat(chunks), wireBytes });
      });
    });
    request.end();
  });
}
