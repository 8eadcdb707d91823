// The loopback permission belongs to the demo stores alone: an operator's store on a private address
// is refused even while demo stores are crawled by the same pipeline, and a crawl in which every
// page was refused is a failed run.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCrawlPipeline } from '../../../crawlers/run/pipeline.ts';
import type { DbHandle } from '../../../db/client.ts';
import { openTestDatabase, testDrivers } from '../../helpers/db.ts';
import { crawlStore } from '../../../crawlers/run/crawl-store.ts';
import { getLatestCrawlRun } from '../../../db/queries/crawl-runs.ts';
import { count, listingStates, testFetcher, testStore } from './crawl-fixture.ts';

interface Shop {
  server: Server;
  origin: string;
  hits: string[];
}

function productPage(name: string, price: string): string {
  const data = { '@context': 'https://schema.org', '@type': 'Product', name, sku: name, offers: { '@type': 'Offer', price, priceCurrency: 'INR', availability: 'https://schema.org/InStock' } };
  return `<!doctype html><html><head><title>${name}</title><script type="application/ld+json">${JSON.stringify(data)}</script></head><body><h1>${name}</h1></body></html>`;
}

async function startShop(name: string, pageStatus = 200): Promise<Shop> {
  const hits: string[] = [];
  const server = createServer((req, res) => {
    hits.push(req.url ?? '');
    const origin = `http://${req.headers.host}`;
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    if (req.url === '/sitemap.xml') {
      res.writeHead(200, { 'content-type': 'application/xml' });
      return void res.end(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${origin}/p/1</loc></url></urlset>`);
    }
    res.writeHead(pageStatus, { 'content-type': 'text/html; charset=utf-8' });
    res.end(pageStatus === 200 ? productPage(`${name} Phone X1`, '4999') : 'refused');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, hits, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe.each(testDrivers)('private addresses per store on %s', (driver) => {
  let handle: DbHandle;
  let demo: Shop;
  let operator: Shop;

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    [demo, operator] = await Promise.all([startShop('Demo'), startShop('Operator')]);
  });
  afterAll(async () => {
    await handle?.close();
    for (const shop of [demo, operator]) await new Promise((resolve) => shop?.server.close(resolve));
  });

  it('crawls the demo store on loopback and refuses the operator store there, as a failed run', async () => {
    const demoStore = testStore(demo.origin, { id: 'demo-shop', name: 'Demo Shop', demo: true });
    const operatorStore = testStore(operator.origin, { id: 'operator-shop', name: 'Operator Shop', demo: false });
    const pipeline = createCrawlPipeline({ db: handle.db, stores: [demoStore, operatorStore] });
    try {
      const demoRun = await pipeline.crawl(demoStore);
      const operatorRun = await pipeline.crawl(operatorStore);
      expect(demoRun.status).toBe('succeeded');
      expect(demoRun.counts.listingsSeen).toBe(1);
      expect(operatorRun.status).toBe('failed');
      expect(operatorRun.counts.listingsSeen).toBe(0);
      expect(operator.hits, 'not one request reached the private address').toEqual([]);
    } finally {
      await pipeline.close();
    }
    const urls = [...(await listingStates(handle.db)).keys()];
    expect(urls).toEqual([`${demo.origin}/p/1`]);
    expect(await count(handle.db, 'crawl_errors')).toBeGreaterThan(0);
  });

  it('records a run in which every page was refused as failed', async () => {
    const refusing = await startShop('Refusing', 410 + 13); // 423: neither gone nor retried
    const store = testStore(refusing.origin, { id: 'refusing-shop', name: 'Refusing Shop' });
    const fetcher = testFetcher(store);
    try {
      const summary = await crawlStore({ db: handle.db, store, fetcher });
      expect(summary.status).toBe('failed');
      expect(summary.message).toMatch(/Nothing could be read from Refusing Shop/);
      expect((await getLatestCrawlRun(handle.db, 'refusing-shop'))?.status).toBe('failed');
    } finally {
      await fetcher.close();
      await new Promise((resolve) => refusing.server.close(resolve));
    }
  });
});
