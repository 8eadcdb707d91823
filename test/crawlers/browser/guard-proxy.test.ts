// The proxy a rendered page's requests go through, spoken to directly: plain HTTP and CONNECT
// tunnels (HTTPS) reach only the store's hosts, loopback only when allowed, and bytes are capped.
import net, { type AddressInfo } from 'node:net';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGuardProxy } from '../../../crawlers/browser/guard-proxy.ts';

let upstream: net.Server;
let web: http.Server;
let upstreamPort: number;
let webPort: number;

beforeAll(async () => {
  // A TCP server that sends 64 KB to whoever connects (stands in for a TLS origin behind CONNECT).
  upstream = net.createServer((socket) => socket.end(Buffer.alloc(64 * 1024, 'x')));
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  upstreamPort = (upstream.address() as AddressInfo).port;
  web = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('hello from the store'));
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  webPort = (web.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => upstream.close(resolve));
  web.closeAllConnections();
  await new Promise((resolve) => web.close(resolve));
});

/** Sends a CONNECT and returns everything the proxy answered until it closed (or 1 s passed). */
function connect(proxyUrl: string, authority: string): Promise<string> {
  const { port } = new URL(proxyUrl);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), '127.0.0.1', () => socket.write(`CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n\r\n`));
    const chunks: Buffer[] = [];
    const done = () => resolve(Buffer.concat(chunks).toString('latin1'));
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('close', done);
    socket.on('error', done);
    setTimeout(() => socket.destroy(), 1_000);
  });
}

function viaProxy(proxyUrl: string, target: string): Promise<{ status: number; body: string }> {
  const proxy = new URL(proxyUrl);
  return new Promise((resolve, reject) => {
    http
      .get({ host: proxy.hostname, port: proxy.port, path: target, headers: { host: new URL(target).host } }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

describe('guard proxy', () => {
  it('tunnels to a store host, and counts the bytes against the cap', async () => {
    let tooLarge = 0;
    const proxy = await startGuardProxy({ allowsHost: (_h, port) => port === upstreamPort, allowPrivate: true, maxBytes: 16 * 1024, onTooLarge: () => tooLarge++ });
    try {
      const answer = await connect(proxy.url, `127.0.0.1:${upstreamPort}`);
      expect(answer.startsWith('HTTP/1.1 200 Connection Established')).toBe(true);
      expect(answer.length).toBeLessThan(64 * 1024);
      expect(tooLarge).toBe(1);
      expect(proxy.bytes).toBeGreaterThan(16 * 1024);
    } finally {
      await proxy.close();
    }
  });

  it('refuses hosts that are not the store\'s, and loopback unless allowed', async () => {
    const onlyUpstream = (_h: string, port: number) => port === upstreamPort;
    const closed = await startGuardProxy({ allowsHost: onlyUpstream, allowPrivate: false, maxBytes: 1e6, onTooLarge: () => {} });
    try {
      expect(await connect(closed.url, `127.0.0.1:${upstreamPort}`)).toMatch(/^HTTP\/1\.1 403/);
      expect(await connect(closed.url, `127.0.0.1:${webPort}`)).toMatch(/^HTTP\/1\.1 403/);
      expect(await connect(closed.url, 'localhost:1')).toMatch(/^HTTP\/1\.1 403/);
      const plain = await viaProxy(closed.url, `http://127.0.0.1:${upstreamPort}/`);
      expect(plain.status).toBe(403);
      expect(closed.refusals.some((reason) => /private or loopback/.test(reason))).toBe(true);
      expect(closed.refusals.some((reason) => reason.includes(`127.0.0.1:${webPort} is not one of the store's hosts`))).toBe(true);
    } finally {
      await closed.close();
    }
  });

  it('forwards plain HTTP to a store host', async () => {
    const proxy = await startGuardProxy({ allowsHost: (_h, port) => port === webPort, allowPrivate: true, maxBytes: 1e6, onTooLarge: () => {} });
    try {
      expect(await viaProxy(proxy.url, `http://127.0.0.1:${webPort}/p/1`)).toEqual({ status: 200, body: 'hello from the store' });
    } finally {
      await proxy.close();
    }
  });
});
