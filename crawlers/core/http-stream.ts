// One streamed HTTP GET over node:http(s), no redirects followed: the streaming twin of
// http-attempt.ts, for documents too large to hold (product feeds). Headers must come within the
// time limit; a document response (2xx) then resolves with its body as a stream (stream-body.ts:
// idle timeout, decoded-size cap), Content-Encoding undone and a gzip payload (by its magic bytes)
// gunzipped too. Any other response (a redirect, 304, an error page) is read whole but small, as
// the fetch flow needs it for redirects, retries and block detection.
import type { IncomingMessage } from 'node:http';
import http from 'node:http';
import https from 'node:https';
import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import zlib from 'node:zlib';
import { FetchFailure, toFetchFailure } from './errors.ts';
import { guardedLookup } from './address-guard.ts';
import type { AttemptOptions, RawResponse } from './http-attempt.ts';
import { bodyFailure, StreamBody } from './stream-body.ts';

/** Largest decoded body of a streamed fetch unless the request names another (2 GB). */
export const DEFAULT_STREAM_MAX_BYTES = 2 * 1024 ** 3;
/** What is kept of a response that is not the document (a redirect, an error page): enough for block detection. */
const SIDE_BODY_MAX_BYTES = 256 * 1024;
/** Decoded bytes awaited before the stream is handed over (its first chunk is what is sniffed). */
const SNIFF_BYTES = 1;

/** A response; `body` is set for a document (2xx) response, whose `bytes` are then only its first decoded bytes. */
export interface StreamedResponse extends RawResponse {
  body?: StreamBody;
}

/** A strict decoder (a truncated stream is an error, not a silent end) for a Content-Encoding. */
function contentDecoder(encoding: string): Transform | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

/** Counts wire bytes (before decoding) and cuts the body off past the cap. */
class WireMeter extends Transform {
  bytes = 0;
  constructor(
    private readonly maxBytes: number,
    private readonly href: string,
    private readonly onBytes?: (bytes: number) => void,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    this.onBytes?.(chunk.length);
    if (this.bytes > this.maxBytes) {
      callback(new FetchFailure('too_large', `Body of ${this.href} is over the ${this.maxBytes}-byte cap (${this.bytes} bytes or more on the wire)`));
      return;
    }
    callback(null, chunk);
  }
}

/** Chains streams, destroying all of them when one fails; the last one carries the error. */
function chain(first: Readable, ...rest: Transform[]): Readable {
  if (rest.length === 0) return first;
  return pipeline(first, ...(rest as [Transform]), () => {});
}

/**
 * Reads at least `want` bytes (fewer at the end) and puts them back, so the stream still starts
 * at its first byte. Resolves with those bytes and the stream to read from.
 */
function peek(stream: Readable, want: number): Promise<{ head: Buffer; stream: Readable }> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let size = 0;
    const cleanup = () => {
      stream.off('readable', pull);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const onEnd = () => {
      cleanup();
      const head = Buffer.concat(parts);
      // Ended: nothing can be put back, so the head is the whole body.
      resolve({ head, stream: Readable.from(head.length > 0 ? [head] : []) });
    };
    function pull(): void {
      let chunk: Buffer | null;
      while (size < want && (chunk = stream.read() as Buffer | null) !== null) {
        parts.push(chunk);
        size += chunk.length;
      }
      if (size < want) return;
      cleanup();
      const head = Buffer.concat(parts);
      stream.unshift(head);
      resolve({ head, stream });
    }
    stream.on('readable', pull);
    stream.on('end', onEnd);
    stream.on('error', onError);
    pull();
  });
}

/** A non-document response's body, decoded, at most SIDE_BODY_MAX_BYTES of it (the rest is dropped). */
function readSideBody(response: IncomingMessage, encoding: string): Promise<Buffer> {
  return new Promise((resolve) => {
    const decoder = contentDecoder(encoding);
    const source = decoder ? chain(response, decoder) : response;
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => {
      source.removeAllListeners('data');
      resolve(Buffer.concat(chunks));
    };
    source.on('data', (chunk: Buffer) => {
      if (size >= SIDE_BODY_MAX_BYTES) return;
      chunks.push(chunk);
      size += chunk.length;
      if (size >= SIDE_BODY_MAX_BYTES) {
        done();
        response.destroy();
      }
    });
    source.on('end', done);
    // An error page that breaks off is still an error page: what arrived is enough.
    source.on('error', done);
  });
}

export function performStreamAttempt(options: AttemptOptions): Promise<StreamedResponse> {
  const { url, timeoutMs, maxBodyBytes } = options;
  const href = url.href;
  return new Promise((resolve, reject) => {
    let settled = false;
    let request: http.ClientRequest | undefined;
    let timer: NodeJS.Timeout | undefined;
    const armTimer = (what: string) => {
      clearTimeout(timer);
      timer = setTimeout(() => fail(new FetchFailure('timeout', `No ${what} from ${href} within ${timeoutMs} ms`, { retryable: true })), timeoutMs);
    };
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
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    armTimer('answer');

    const transport = url.protocol === 'https:' ? https : http;
    request = transport.request(url, {
      method: 'GET',
      headers: options.headers,
      agent: url.protocol === 'https:' ? options.agents.https : options.agents.http,
      lookup: options.allowPrivateAddresses ? undefined : (guardedLookup as never),
    });
    request.on('error', (error) => fail(toFetchFailure(error, href)));
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const encoding = String(response.headers['content-encoding'] ?? '').trim().toLowerCase();
      if (status < 200 || status >= 300) {
        response.on('data', (chunk: Buffer) => options.onWireBytes?.(chunk.length));
        void readSideBody(response, encoding).then((bytes) => {
          if (finish()) resolve({ status, headers: response.headers, bytes, wireBytes: bytes.length });
        });
        return;
      }
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBodyBytes) {
        return fail(new FetchFailure('too_large', `Declared Content-Length of ${href} is over the ${maxBodyBytes}-byte cap (${declared} bytes)`));
      }
      armTimer('body data'); // headers came: now the first bytes must
      const meter = new WireMeter(maxBodyBytes, href, options.onWireBytes);
      const decoder = contentDecoder(encoding);
      const decoded = chain(response, meter, ...(decoder ? [decoder] : []));
      void (async () => {
        // A .gz payload (a feed.tsv.gz) is unpacked too, by its magic bytes, whatever the headers say.
        const first = await peek(decoded, 2);
        const gzipped = first.head[0] === 0x1f && first.head[1] === 0x8b;
        const source = gzipped ? chain(first.stream, zlib.createGunzip()) : first.stream;
        const sniffed = await peek(source, SNIFF_BYTES);
        return sniffed;
      })().then(
        ({ head, stream }) => {
          if (!finish()) return void stream.destroy();
          const body = new StreamBody(stream, { href, idleMs: timeoutMs, maxBytes: maxBodyBytes, signal: options.signal });
          resolve({ status, headers: response.headers, bytes: head, wireBytes: meter.bytes, body });
        },
        (error: unknown) => {
          decoded.destroy();
          fail(bodyFailure(error, href));
        },
      );
    });
    request.end();
  });
}
