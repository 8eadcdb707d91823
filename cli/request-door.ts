// The site server's door: what every request must pass before the Astro handler sees it.
// - Methods the platform's Request cannot even represent (TRACE, TRACK, CONNECT) get a 405 here;
//   otherwise they crash request creation with a 500 and a stack trace per request.
// - One spelling per path: "//admin", "/./admin", "/%61dmin", "/admin/" and "\admin" are redirected
//   (308, method kept) to the one the router and the access checks agree on.
// - Bodies are capped: a declared length over the cap is refused at once (413) without reading;
//   a chunked body is read up to the cap and refused past it. What passes is handed on as bytes.
// - The client address is the socket's, unless the operator says a proxy in front appends it.
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Bodies beyond this are refused on every route; routes set lower caps of their own (forms: 8 KB). */
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;

/** undici refuses to build a Request with these, so they can never reach a route. */
const UNREPRESENTABLE_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);

const UNRESERVED_ESCAPE = /%(2[dDeE]|3\d|[46][1-9a-fA-F]|[57][0-9aA]|5[fF]|7[eE])/g;

export interface RequestDoorOptions {
  maxBodyBytes?: number;
  /** Proxies in front that append to X-Forwarded-For (0: none, the socket is the client). */
  trustedProxies?: number;
}

/**
 * The canonical spelling of a request target's path (query kept as sent), or null when the path is
 * already canonical. Parses like the router does (WHATWG URL: backslashes are slashes, dot segments
 * resolved), decodes escapes of unreserved characters, collapses repeated slashes and drops a
 * trailing slash.
 */
export function canonicalTarget(rawTarget: string): string | null {
  const queryAt = rawTarget.search(/[?#]/);
  const rawPath = queryAt < 0 ? rawTarget : rawTarget.slice(0, queryAt);
  const query = queryAt < 0 ? '' : rawTarget.slice(queryAt).replace(/#.*$/, '');
  let path: string;
  try {
    // Joined as text, as the router joins it: "//x" is a path here, not a host.
    path = new URL(`http://door.invalid${rawPath.replace(UNRESERVED_ESCAPE, (escape) => decodeURIComponent(escape))}`).pathname;
    // Decoding may have made new dot segments ("%2e%2e"): parse once more.
    path = new URL(`http://door.invalid${path.replace(/\/{2,}/g, '/')}`).pathname;
  } catch {
    return '/';
  }
  path = path.replace(/\/{2,}/g, '/');
  if (path.length > 1) path = path.replace(/\/+$/, '');
  return path === rawPath ? null : path + query;
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number, message: string, headers: Record<string, string> = {}): void {
  const api = (req.url ?? '').replace(/\\/g, '/').replace(/\/{2,}/g, '/').startsWith('/api/');
  const body = api ? JSON.stringify({ error: { status, message } }) : `${message}\n`;
  res.writeHead(status, {
    'Content-Type': api ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** The client's address: the socket's, or the one the trusted proxy in front recorded. */
export function clientAddress(req: IncomingMessage, trustedProxies: number): string | undefined {
  const socket = req.socket?.remoteAddress;
  if (trustedProxies <= 0) return socket;
  const chain = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  // Each trusted proxy appended one address; the one before them is the client's.
  return chain[chain.length - trustedProxies] ?? chain[0] ?? socket;
}

/** Reads the body up to `cap` bytes; resolves null (and stops reading) when it is larger. */
function readCapped(req: IncomingMessage, cap: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > cap) {
        req.off('data', onData);
        req.pause();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(Buffer.concat(chunks, size)));
    req.once('error', reject);
  });
}

/**
 * Runs the door's checks; calls `next()` when the request may go on to the site. A refused request
 * is answered here (405, 308, 413) and never reaches a route.
 */
export async function passRequestDoor(req: IncomingMessage, res: ServerResponse, next: () => void, options: RequestDoorOptions = {}): Promise<void> {
  const { maxBodyBytes = MAX_REQUEST_BODY_BYTES, trustedProxies = 0 } = options;
  const method = (req.method ?? 'GET').toUpperCase();
  if (UNREPRESENTABLE_METHODS.has(method)) {
    refuse(req, res, 405, `Method ${method} is not allowed`, { Allow: 'GET, HEAD' });
    return;
  }

  const canonical = canonicalTarget(req.url ?? '/');
  if (canonical !== null) {
    // 308 keeps the method and body: a form posted to a stray spelling is re-sent to the real one.
    const hasBody = req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] !== undefined;
    refuse(req, res, 308, `Moved to ${canonical}`, { Location: canonical, ...(hasBody ? { Connection: 'close' } : {}) });
    return;
  }

  // The address rate limits key on: never a header the client wrote itself.
  const address = clientAddress(req, trustedProxies);
  if (address) req.headers['x-forwarded-for'] = address;
  if (trustedProxies <= 0) {
    delete req.headers['x-forwarded-host'];
    delete req.headers['x-forwarded-proto'];
    delete req.headers['x-forwarded-port'];
  }

  const declared = req.headers['content-length'];
  const chunked = req.headers['transfer-encoding'] !== undefined;
  if (declared === undefined && !chunked) return next();
  if (declared !== undefined && Number(declared) > maxBodyBytes) {
    refuse(req, res, 413, `Request body too large: ${declared} bytes, at most ${maxBodyBytes} accepted`, { Connection: 'close' });
    return;
  }
  const body = await readCapped(req, maxBodyBytes);
  if (body === null) {
    refuse(req, res, 413, `Request body too large: more than ${maxBodyBytes} bytes, at most ${maxBodyBytes} accepted`, { Connection: 'close' });
    return;
  }
  // Hand the bytes on with their true length: routes check their own, lower caps against it.
  req.headers['content-length'] = String(body.length);
  delete req.headers['transfer-encoding'];
  // Astro reads an async-iterable `req.body` when it has no enumerable keys (see makeRequestBody).
  (req as IncomingMessage & { body?: unknown }).body = {
    async *[Symbol.asyncIterator]() {
      if (body.length > 0) yield body;
    },
  };
  next();
}
