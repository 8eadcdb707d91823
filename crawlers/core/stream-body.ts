// The body of a streamed fetch as the caller reads it: a Readable over the decoded bytes that
// fails when the network goes quiet for too long while the caller waits for data (an idle
// timeout: a slow consumer, such as a database write, does not count), when the decoded size
// passes its cap (a decompression bomb, a 10 GB feed), or when the fetcher closes. Destroying it
// destroys the whole chain down to the socket.
import { Readable } from 'node:stream';
import { FetchFailure, toFetchFailure } from './errors.ts';

export interface StreamBodyOptions {
  href: string;
  /** Longest wait for the next chunk while the reader wants one. */
  idleMs: number;
  /** Largest decoded size. */
  maxBytes: number;
  /** Aborts the read (the fetcher is closing). */
  signal?: AbortSignal;
}

/** zlib errors carry codes such as Z_DATA_ERROR or Z_BUF_ERROR. */
function isDecodeError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return typeof code === 'string' && code.startsWith('Z_');
}

/** Any failure of the chain under the body as the FetchFailure the reader sees. */
export function bodyFailure(error: unknown, href: string): FetchFailure {
  if (error instanceof FetchFailure) return error;
  if (isDecodeError(error)) {
    return new FetchFailure('network', `Could not decode the compressed body of ${href}: ${(error as Error).message}`, {
      retryable: true,
      cause: error,
    });
  }
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE') {
    return new FetchFailure('network', `Connection closed while reading ${href}`, { retryable: true, cause: error });
  }
  return toFetchFailure(error, href);
}

export class StreamBody extends Readable {
  readonly #source: Readable;
  readonly #options: StreamBodyOptions;
  #timer: NodeJS.Timeout | undefined;
  #bytes = 0;
  #wanting = false;
  readonly #onAbort = () => this.destroy(new FetchFailure('network', `Reading ${this.#options.href} aborted: the fetcher is closing`));

  constructor(source: Readable, options: StreamBodyOptions) {
    super({ highWaterMark: 64 * 1024 });
    this.#source = source;
    this.#options = options;
    source.on('readable', () => {
      if (this.#wanting) this.#pull();
    });
    source.on('end', () => {
      this.#clearTimer();
      if (!this.destroyed) this.push(null);
    });
    source.on('error', (error) => this.destroy(bodyFailure(error, options.href)));
    source.on('close', () => {
      // Closed with neither 'end' nor 'error': something destroyed the chain under us.
      if (!source.readableEnded && !this.destroyed) this.destroy(bodyFailure(Object.assign(new Error('premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }), options.href));
    });
    if (options.signal?.aborted) queueMicrotask(this.#onAbort);
    else options.signal?.addEventListener('abort', this.#onAbort, { once: true });
  }

  /** Decoded bytes handed to the reader so far. */
  get bytesRead(): number {
    return this.#bytes;
  }

  override _read(): void {
    this.#wanting = true;
    this.#pull();
  }

  #pull(): void {
    while (!this.destroyed) {
      const chunk = this.#source.read() as Buffer | null;
      if (chunk === null) {
        this.#armTimer();
        return;
      }
      this.#clearTimer();
      this.#bytes += chunk.length;
      if (this.#bytes > this.#options.maxBytes) {
        this.destroy(
          new FetchFailure('too_large', `Body of ${this.#options.href} is over the ${this.#options.maxBytes}-byte cap (decoded; ${this.#bytes} bytes or more)`),
        );
        return;
      }
      if (!this.push(chunk)) {
        this.#wanting = false;
        return;
      }
    }
  }

  #armTimer(): void {
    if (this.#timer || this.#source.readableEnded) return;
    const { idleMs, href } = this.#options;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.destroy(new FetchFailure('timeout', `No data from ${href} for ${idleMs} ms while reading its body (idle timeout)`, { retryable: true }));
    }, idleMs);
  }

  #clearTimer(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#clearTimer();
    this.#options.signal?.removeEventListener('abort', this.#onAbort);
    this.#source.destroy();
    callback(error);
  }
}
