// `npm run bench:site`: page weight of the product and search pages against the 30 KB budget
// (compressed HTML + CSS + JS, brotli and gzip as served), then autocannon load on a product page
// and /api/search, with the site on the Postgres server over a generated catalogue.
//
// The site runs in a child process (this file with --serve) so the load generator does not share
// its event loop. Options: --products N (default 5000), --duration S (default 10), --connections C (10).
import http from 'node:http';
import { parseArgs } from 'node:util';
import { startServingProcess } from './serving-process.ts';

const BUDGET_BYTES = 30 * 1024;

interface Ready {
  url: string;
  productId: number;
  products: number;
  driver: string;
}

async function serve(products: number): Promise<void> {
  const { setSharedDatabase } = await import('../db/client.ts');
  const { startSiteServer } = await import('../cli/site-server.ts');
  const { openTestDatabase } = await import('../test/helpers/db.ts');
  const { seedSite, seedBulkCatalogue } = await import('../test/helpers/site-seed.ts');
  const handle = await openTestDatabase('postgres');
  const seed = await seedSite(handle.db);
  await seedBulkCatalogue(handle.db, products);
  setSharedDatabase(handle);
  const site = await startSiteServer({ host: '127.0.0.1', port: 0 });
  const stop = async () => {
    await site.close();
    await handle.close();
    process.exit(0);
  };
  process.on('message', (message) => {
    if (message === 'stop') void stop();
  });
  process.send!({ url: site.url, productId: seed.galaxyId, products, driver: handle.driver } satisfies Ready);
}

/** Bytes on the wire for one URL with the given Accept-Encoding (no decompression). */
function wireBytes(url: string, encoding: 'br' | 'gzip'): Promise<{ bytes: number; body: Buffer; encoded: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          if ((res.statusCode ?? 0) >= 400) reject(new Error(`GET ${url} answered ${res.statusCode}`));
          else resolve({ bytes: body.length, body, encoded: res.headers['content-encoding'] as string | undefined });
        });
      })
      .on('error', reject);
  });
}

async function pageWeight(base: string, path: string): Promise<Record<'br' | 'gzip', { total: number; parts: string[] }>> {
  const zlib = await import('node:zlib');
  const out = {} as Record<'br' | 'gzip', { total: number; parts: string[] }>;
  for (const encoding of ['br', 'gzip'] as const) {
    const page = await wireBytes(base + path, encoding);
    const html = page.encoded === 'br' ? zlib.brotliDecompressSync(page.body) : page.encoded === 'gzip' ? zlib.gunzipSync(page.body) : page.body;
    const assets = [...html.toString('utf8').matchAll(/<(?:link[^>]+rel="stylesheet"[^>]+href|script[^>]+src)="([^"]+)"/g)].map((m) => m[1]);
    const parts = [`html ${page.bytes}`];
    let total = page.bytes;
    for (const asset of assets) {
      const { bytes } = await wireBytes(new URL(asset, base).href, encoding);
      total += bytes;
      parts.push(`${asset.split('/').pop()} ${bytes}`);
    }
    out[encoding] = { total, parts };
  }
  return out;
}

async function load(url: string, duration: number, connections: number) {
  const { default: autocannon } = await import('autocannon');
  const times: number[] = [];
  const result = await new Promise<{ requests: { average: number }; non2xx: number; errors: number }>((resolve, reject) => {
    const instance = autocannon({ url, duration, connections, headers: { 'accept-encoding': 'br' } }, (error, res) =>
      error ? reject(error) : resolve(res),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
      times.push(responseTime);
    });
  });
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? NaN;
  const ms = (value: number) => Number(value.toFixed(1));
  return { rps: result.requests.average, p50: ms(pct(50)), p95: ms(pct(95)), p99: ms(pct(99)), requests: times.length, non2xx: result.non2xx, errors: result.errors };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      serve: { type: 'boolean' },
      products: { type: 'string', default: '5000' },
      duration: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
    },
  });
  const products = Number(values.products);
  if (values.serve) return serve(products);

  const { ensureSiteBuilt } = await import('../test/site/site-build.ts');
  await ensureSiteBuilt();
  console.log(`Seeding ${products} products on the Postgres server…`);
  const { child, ready } = await startServingProcess<Ready>(import.meta.url, ['--products', String(products)]);
  try {
    console.log(`Site at ${ready.url} (${ready.driver}, ${ready.products + 5} products)\n`);
    console.log(`Page weight (compressed HTML + CSS + JS as served; budget ${BUDGET_BYTES} bytes):`);
    for (const [name, path] of [['product', `/p/${ready.productId}`], ['search', '/search?q=samsung+phone']] as const) {
      const weight = await pageWeight(ready.url, path);
      for (const encoding of ['br', 'gzip'] as const) {
        const { total, parts } = weight[encoding];
        const verdict = total <= BUDGET_BYTES ? 'OK' : 'OVER BUDGET';
        console.log(`  ${name.padEnd(8)} ${encoding.padEnd(5)} ${String(total).padStart(6)} B  ${verdict}  (${parts.join(', ')})`);
      }
    }
    const duration = Number(values.duration);
    const connections = Number(values.connections);
    console.log(`\nLoad: autocannon, ${connections} connections, ${duration} s each`);
    for (const [name, path] of [['product page', `/p/${ready.productId}`], ['api search', '/api/search?q=samsng%20phone']] as const) {
      const r = await load(ready.url + path, duration, connections);
      console.log(`  ${name.padEnd(13)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50} ms   p95 ${r.p95} ms   p99 ${r.p99} ms   (${r.requests} requests, ${r.non2xx} non-2xx, ${r.errors} errors)`);
    }
  } finally {
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

main().catch((error) => {
  console.error(`bench:site failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
