// `tulna extract <URL>` fetches through the crawler's guarded fetcher: private and loopback
// addresses are refused (by name too), unless --allow-private says otherwise.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './cli-child.ts';

describe('tulna extract and private addresses', () => {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end('<html><head><title>Kettle</title><script type="application/ld+json">{"@type":"Product","name":"Steel Kettle 1.5 L","offers":{"@type":"Offer","price":"1299","priceCurrency":"INR"}}</script></head></html>');
  });
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('refuses loopback by address and by name, and reads the page with --allow-private', async () => {
    for (const host of ['127.0.0.1', 'localhost']) {
      const refused = runCli(['extract', `http://${host}:${port}/p`], {});
      expect(await refused.exited, host).toBe(1);
      expect(refused.stderr(), host).toMatch(/private_address/);
    }
    const allowed = runCli(['extract', '--allow-private', `http://127.0.0.1:${port}/p`], {});
    expect(await allowed.exited).toBe(0);
    expect(allowed.stdout()).toContain('Steel Kettle 1.5 L');
  });
});
