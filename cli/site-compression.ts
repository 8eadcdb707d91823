// Response compression for the site server: brotli or gzip for text, decided when the headers go out.
import type { IncomingMessage, ServerResponse } from 'node:http';
import zlib from 'node:zlib';

const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml|manifest\+json|wasm)|image\/svg\+xml)/;
const MIN_BYTES = 512;

function pickEncoding(accept: string | undefined): 'br' | 'gzip' | null {
  if (!accept) return null;
  if (/\bbr\b/.test(accept)) return 'br';
  if (/\bgzip\b/.test(accept)) return 'gzip';
  return null;
}

/**
 * Wraps `res` so whatever the handler writes is compressed when the client accepts it and the
 * content type is text-like. Small bodies of known length go out as they are.
 */
export function compressResponse(req: IncomingMessage, res: ServerResponse): void {
  const encoding = pickEncoding(req.headers['accept-encoding'] as string | undefined);
  res.setHeader('Vary', 'Accept-Encoding');
  if (!encoding || req.method === 'HEAD') return;

  const write = res.write.bind(res) as (chunk: unknown, ...rest: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  let decided = false;
  let stream: zlib.BrotliCompress | zlib.Gzip | null = null;

  const decide = () => {
    if (decided) return;
    decided = true;
    const type = String(res.getHeader('Content-Type') ?? '');
    const length = Number(res.getHeader('Content-Length') ?? NaN);
    if (res.statusCode === 204 || res.statusCode === 304 || res.getHeader('Content-Encoding')) return;
    if (!COMPRESSIBLE.test(type) || (Number.isFinite(length) && length < MIN_BYTES)) return;
    res.removeHeader('Content-Length');
    res.setHeader('Content-Encoding', encoding);
    stream =
      encoding === 'br'
        ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } })
        : zlib.createGzip({ level: 6 });
    stream.on('data', (chunk: Buffer) => write(chunk));
    stream.on('end', () => end());
  };

  res.writeHead = ((status: number, ...rest: unknown[]) => {
    // Headers passed to writeHead must be visible to decide(): apply them first.
    const headers = rest.find((arg) => arg && typeof arg === 'object') as Record<string, unknown> | unknown[] | undefined;
    if (Array.isArray(headers)) {
      for (let i = 0; i + 1 < headers.length; i += 2) res.setHeader(String(headers[i]), headers[i + 1] as string);
    } else if (headers) {
      for (const [name, value] of Object.entries(headers)) if (value !== undefined) res.setHeader(name, value as string);
    }
    res.statusCode = status;
    decide();
    return writeHead(status);
  }) as ServerResponse['writeHead'];

  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    decide();
    if (!stream) return write(chunk, ...rest);
    const encodingArg = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : undefined;
    stream.write(typeof chunk === 'string' ? Buffer.from(chunk, encodingArg) : (chunk as Buffer));
    return true;
  }) as ServerResponse['write'];

  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'function') return end(chunk);
    decide();
    if (!stream) return end(chunk, ...rest);
    if (chunk !== undefined && chunk !== null) {
      const encodingArg = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : undefined;
      stream.write(typeof chunk === 'string' ? Buffer.from(chunk, encodingArg) : (chunk as Buffer));
    }
    stream.end();
    return res;
  }) as ServerResponse['end'];
}
