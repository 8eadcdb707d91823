// A forward proxy on 127.0.0.1 that every request of one rendered page goes through (the page's
// browser context is told to use it). It is where the page's network rules are enforced, because
// Playwright's request routing does not see the hops of an HTTP redirect: only the store's own
// hosts are reached, private and loopback addresses only when allowed (checked at connect time, so
// DNS rebinding cannot slip by), and the page's response bytes are counted against a cap.
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import net, { type AddressInfo, type Socket } from 'node:net';
import { bareHostname, guardedLookup, isPrivateAddress } from '../core/address-guard.ts';

export interface GuardProxyOptions {
  /** True when the page may reach this host (the store's host patterns). */
  allowsHost(hostname: string, port: number): boolean;
  /** Loopback and private addresses may be reached (demo stores, tests). */
  allowPrivate: boolean;
  /** Response bytes (as received, before decompression) the page may take in, all requests together. */
  maxBytes: number;
  /** Called once, when the byte cap is passed. */
  onTooLarge(bytes: number): void;
}

export interface GuardProxy {
  /** "http://127.0.0.1:<port>", for the browser context's proxy setting. */
  url: string;
  /** Response bytes received so far. */
  readonly bytes: number;
  /** Why requests were refused (host or address), newest last, at most 20. */
  readonly refusals: readonly string[];
  close(): Promise<void>;
}

// Hop-by-hop headers (RFC 9110 §7.6.1) and the proxy's own: never passed on.
const HOP_HEADERS = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'proxy-authenticate', 'te', 'trailer', 'upgrade', 'transfer-encoding',
]);

function forwardHeaders(raw: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) if (!HOP_HEADERS.has(raw[i].toLowerCase())) kept.push(raw[i], raw[i + 1]);
  return kept;
}

/** "host:port" of a CONNECT request (IPv6 in brackets). */
function parseAuthority(authority: string): { hostname: string; port: number } | null {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+):(\d{1,5})$/i.exec(authority);
  if (!match) return null;
  const port = Number(match[2]);
  return port > 0 && port < 65_536 ? { hostname: bareHostname(match[1]), port } : null;
}

export async function startGuardProxy(options: GuardProxyOptions): Promise<GuardProxy> {
  let bytes = 0;
  let overCap = false;
  const refusals: string[] = [];
  const sockets = new Set<Socket>();

  const count = (chunk: Buffer, stop: () => void) => {
    bytes += chunk.length;
    if (bytes > options.maxBytes) {
      stop();
      if (!overCap) {
        overCap = true;
        options.onTooLarge(bytes);
      }
    }
  };
  const refuse = (reason: string): string => {
    refusals.push(reason);
    if (refusals.length > 20) refusals.shift();
    return reason;
  };
  /** Null when the target may be reached; else why not. */
  const refusalFor = (hostname: string, port: number): string | null => {
    if (!options.allowsHost(hostname, port)) return refuse(`${hostname}:${port} is not one of the store's hosts`);
    if (!options.allowPrivate && net.isIP(hostname) && isPrivateAddress(hostname)) {
      return refuse(`${hostname} is a private or loopback address`);
    }
    return null;
  };
  const lookup = options.allowPrivate ? undefined : (guardedLookup as never);

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      return void res.writeHead(400, { 'content-type': 'text/plain' }).end('expected an absolute http:// URL\n');
    }
    const port = Number(target.port || 80);
    const hostname = bareHostname(target.hostname);
    const refusal = target.protocol === 'http:' ? refusalFor(hostname, port) : refuse(`unsupported scheme ${target.protocol}`);
    if (refusal) return void res.writeHead(403, { 'content-type': 'text/plain' }).end(`refused: ${refusal}\n`);
    if (overCap) return void res.writeHead(413, { 'content-type': 'text/plain' }).end('refused: the page is over its byte cap\n');

    const upstream = http.request({
      host: hostname,
      port,
      path: `${target.pathname}${target.search}`,
      method: req.method,
      headers: forwardHeaders(req.rawHeaders),
      lookup,
      agent: false,
    });
    upstream.on('response', (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, forwardHeaders(answer.rawHeaders));
      answer.on('data', (chunk: Buffer) =>
        count(chunk, () => {
          upstream.destroy();
          res.destroy();
        }),
      );
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      if (/private or loopback/.test(error.message)) refuse(error.message);
      if (res.headersSent) res.destroy();
      else res.writeHead(502, { 'content-type': 'text/plain' }).end(`proxy: ${error.message}\n`);
    });
    res.on('close', () => upstream.destroy());
    req.pipe(upstream);
  };

  const onConnect = (req: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    const authority = parseAuthority(req.url ?? '');
    const refusal = authority ? refusalFor(authority.hostname, authority.port) : refuse(`bad CONNECT target ${JSON.stringify(req.url)}`);
    if (refusal || overCap || !authority) return void client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
    const upstream = net.connect({ host: authority.hostname, port: authority.port, lookup });
    sockets.add(upstream);
    upstream.on('close', () => {
      sockets.delete(upstream);
      client.destroy();
    });
    upstream.on('error', (error) => {
      if (/private or loopback/.test(error.message)) refuse(error.message);
      if (!client.destroyed) client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
    });
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      // Listened to before the pipe: a chunk past the cap is never passed on (the client is gone).
      upstream.on('data', (chunk: Buffer) =>
        count(chunk, () => {
          upstream.destroy();
          client.destroy();
        }),
      );
      upstream.pipe(client);
      client.pipe(upstream);
    });
    client.on('close', () => upstream.destroy());
  };

  const server = http.createServer(onRequest);
  server.on('connect', onConnect);
  // WebSocket upgrades are refused (the page's routing closes them too).
  server.on('upgrade', (_req, socket: Socket) => socket.destroy());
  server.on('clientError', (_error, socket: Socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    get bytes() {
      return bytes;
    },
    refusals,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
