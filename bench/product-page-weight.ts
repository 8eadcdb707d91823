// `node --import tsx bench/product-page-weight.ts`: the weight of a product page carrying a 90-day
// price-history chart of six stores, as the built site serves it (raw and brotli bytes on the
// wire), and the chart section's own share. One product, six stores, 90 days of confirmed price
// changes in a temporary in-memory PGlite. Options: --stores N (6), --days D (90), --every E (3:
// a store changes its price every E days on average), --out FILE (also write the page there).
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants } from 'node:zlib';
import { inArray } from 'drizzle-orm';
import { openDatabase, setSharedDatabase } from '../db/client.ts';
import { upsertListings } from '../db/queries/listings.ts';
import { upsertStores } from '../db/queries/stores.ts';
import { listings, priceObservations, products } from '../db/schema.ts';
import { startSiteServer } from '../cli/site-server.ts';
import { ensureSiteBuilt } from '../test/site/site-build.ts';

const DAY = 86_400_000;

/** Deterministic numbers, so two runs weigh the same page (mulberry32). */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function get(url: string, encoding: string): Promise<{ body: Buffer; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { 'accept-encoding': encoding } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => ((res.statusCode ?? 0) >= 400 ? reject(new Error(`GET ${url} answered ${res.statusCode}`)) : resolve({ body: Buffer.concat(chunks), encoding: res.headers['content-encoding'] as string | undefined })));
      })
      .on('error', reject);
  });
}

const brotli = (text: string | Buffer) => brotliCompressSync(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { stores: { type: 'string', default: '6' }, days: { type: 'string', default: '90' }, every: { type: 'string', default: '3' }, out: { type: 'string' } } });
  const storeCount = Number(values.stores);
  const days = Number(values.days);
  const every = Number(values.every);
  await ensureSiteBuilt();
  const handle = await openDatabase({ dataDir: 'memory://', migrate: true });
  const now = new Date();
  const rand = random(42);
  const storeIds = Array.from({ length: storeCount }, (_, k) => `store-${k + 1}`);
  await upsertStores(
    handle.db,
    storeIds.map((id, k) => ({ id, name: `Example Store ${k + 1}`, baseUrl: `https://${id}.example`, currency: 'EUR', country: 'DE', sourceKind: 'jsonld' as const })),
  );
  const listingIds: number[] = [];
  const rows: (typeof priceObservations.$inferInsert)[] = [];
  for (const [k, storeId] of storeIds.entries()) {
    const summary = await upsertListings(handle.db, storeId, [
      { url: `https://${storeId}.example/p/1`, title: 'Example Espresso Machine EM-500', price: '299.00', currency: 'EUR', shippingCost: k % 2 ? '4.99' : '0', availability: 'in_stock', deliveryMinDays: 1, deliveryMaxDays: 3 },
    ], { observedAt: now });
    const listingId = summary.listingIds[0];
    listingIds.push(listingId);
    let price = 280 + k * 6 + Math.round(rand() * 20);
    for (let t = days + 5 - rand() * every; t > 0; t -= 0.5 + rand() * 2 * every) {
      price = Math.max(199, Math.min(399, price + Math.round((rand() - 0.5) * 30)));
      const availability = rand() < 0.05 ? 'out_of_stock' : 'in_stock';
      rows.push({ listingId, observedAt: new Date(now.getTime() - t * DAY), price: `${price}.99`, shippingCost: k % 2 ? '4.99' : '0', currency: 'EUR', availability, confirmed: true });
    }
  }
  const [product] = await handle.db.insert(products).values({ title: 'Example Espresso Machine EM-500', brand: 'Example' }).returning({ id: products.id });
  await handle.db.update(listings).set({ productId: product.id }).where(inArray(listings.id, listingIds));
  await handle.db.insert(priceObservations).values(rows);
  setSharedDatabase(handle);
  const site = await startSiteServer({ host: '127.0.0.1', port: 0 });
  try {
    const url = `${site.url}/p/${product.id}`;
    const raw = await get(url, 'identity');
    const served = await get(url, 'br');
    const html = raw.body.toString('utf8');
    const chart = html.match(/<section class="pc"[\s\S]*?<\/section>/)?.[0] ?? '';
    const svg = html.match(/<svg[\s\S]*?<\/svg>/)?.[0] ?? '';
    const withoutChart = html.replace(chart, '');
    if (values.out) writeFileSync(values.out, html);
    const kb = (n: number) => `${n} B (${(n / 1024).toFixed(1)} KB)`;
    console.log(`product page /p/${product.id}: ${storeCount} stores, ${days} days, ${rows.length} confirmed observations`);
    console.log(`  HTML raw:                ${kb(raw.body.length)}`);
    console.log(`  HTML brotli as served:   ${kb(served.body.length)} (content-encoding: ${served.encoding ?? 'none'})`);
    console.log(`  HTML brotli q11:         ${kb(brotli(raw.body))}`);
    console.log(`  history section raw:     ${kb(chart.length)}, of which <svg> ${kb(svg.length)}`);
    console.log(`  history section brotli:  ${kb(brotli(chart))} alone; page without it ${kb(brotli(withoutChart))} (q11)`);
    for (const href of html.match(/\/_astro\/[^"]+\.css/g) ?? []) {
      const css = await get(`${site.url}${href}`, 'br');
      console.log(`  stylesheet ${href}: ${kb(css.body.length)} brotli as served`);
    }
    console.log(`  paths drawn:             ${(svg.match(/<path /g) ?? []).length} (grid, ${storeCount > 5 ? 5 : storeCount} stores, lowest)`);
  } finally {
    await site.close();
    await handle.close();
  }
}

await main();
