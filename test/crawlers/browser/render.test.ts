// Rendering in a real Chromium (the one test/helpers/chromium.ts resolves: system or npm build):
// the demo script store's product appears only after its JavaScript runs; every hostile page ends
// as one error outcome within its limits, and the same pool renders the next page fine afterwards.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserPool } from '../../../crawlers/browser/pool.ts';
import { descendantsOf } from '../../../crawlers/browser/process-tree.ts';
import { renderPage, type RenderLimits } from '../../../crawlers/browser/render.ts';
import { startDemoStores, type DemoStores } from '../../../crawlers/demo/index.ts';
import { extractListing } from '../../../crawlers/extract/index.ts';
import type { FetchOutcome } from '../../../crawlers/core/types.ts';
import { testFetcher, testStore } from '../run/crawl-fixture.ts';
import { startBrowserPagesServer, type BrowserPagesServer } from './hostile-pages.ts';

const LIMITS: Partial<RenderLimits> = { timeoutMs: 4_000, productWaitMs: 2_000, maxBytes: 2_000_000 };

let server: BrowserPagesServer;
let demo: DemoStores;
let pool: BrowserPool;

const chromiumProcesses = () => descendantsOf(process.pid).filter((info) => /chrom|headless_shell/i.test(`${info.name} ${info.commandLine}`));

beforeAll(async () => {
  server = await startBrowserPagesServer();
  demo = await startDemoStores();
  pool = new BrowserPool({ maxPages: 2, jsHeapMb: 64, maxRendererRssMb: 400 });
});

afterAll(async () => {
  await pool?.close();
  await demo?.close();
  await server?.close();
});

function render(path: string, options: { allowPrivate?: boolean; limits?: Partial<RenderLimits> } = {}): Promise<FetchOutcome> {
  return renderPage(pool, {
    url: `${server.url}${path}`,
    hostPatterns: [new URL(server.url).host],
    allowPrivate: options.allowPrivate ?? true,
    limits: { ...LIMITS, ...options.limits },
  });
}

function productOf(outcome: FetchOutcome) {
  if (outcome.kind !== 'ok') throw new Error(`expected a rendered page, found ${outcome.kind}: ${JSON.stringify(outcome)}`);
  const result = extractListing(outcome.body, { url: outcome.url, fetchedAt: outcome.fetchedAt, currencyHint: 'INR', country: 'IN' });
  if (!result.ok) throw new Error(`expected a product in the rendered page, found ${result.error.code}: ${result.error.message}`);
  return result.listing;
}

/** The pool still renders a good page. */
async function expectPoolServes(): Promise<void> {
  const listing = productOf(await render('/p/3'));
  expect(listing.title).toBe('Rendered Kettle 3');
  expect(listing.price).toBe('1030.00');
}

describe('rendering script-built pages', () => {
  it('reads the demo script store: no product in its HTML, the full product once its JavaScript ran', async () => {
    const store = demo.stores.find((s) => s.profile.kind === 'browser')!;
    const listing = store.inventory.listings[0];
    const url = `${store.baseUrl}${listing.path}`;
    const html = await (await fetch(url)).text();
    expect(extractListing(html, { url, fetchedAt: new Date(), currencyHint: 'INR' }).ok).toBe(false);

    const outcome = await renderPage(pool, { url, hostPatterns: [new URL(store.baseUrl).host], allowPrivate: true, limits: LIMITS });
    const read = productOf(outcome);
    expect(read.title).toBe(listing.title);
    expect(read.sku).toBe(listing.code);
    expect(read.currency).toBe('INR');
    expect(Number(read.price)).toBeGreaterThan(0);
    expect(read.source).toBe('jsonld');
    expect(outcome.kind === 'ok' && outcome.etag).toBe(null); // a rendered page is never asked for conditionally
  });

  it('blocks images, fonts, stylesheets and every request to another host, and still reads the product', async () => {
    const before = server.trackerHits;
    const listing = productOf(await render('/trackers'));
    expect(listing.title).toBe('Rendered Kettle 2');
    expect(server.trackerHits - before).toBe(0);
    for (const asset of ['/style.css', '/font.woff2', '/img.png']) expect(server.hits.get(asset) ?? 0, asset).toBe(0);
  });

  it('follows no HTTP redirect off the store (the hop Playwright routing cannot see)', async () => {
    const before = server.trackerHits;
    const outcome = await render('/redirect-away');
    expect(outcome.kind).toBe('error');
    if (outcome.kind === 'error') {
      expect(outcome.error.kind).toBe('render_failed');
      expect(outcome.error.message).toContain(`${new URL(server.trackerUrl).host} is not one of the store's hosts`);
    }
    expect(server.trackerHits - before).toBe(0);
  });

  it('refuses a store on a loopback address unless the fetcher allows it', async () => {
    const outcome = await render('/p/1', { allowPrivate: false });
    expect(outcome.kind).toBe('error');
    if (outcome.kind === 'error') expect(outcome.error.kind).toBe('private_address');
    expect((server.hits.get('/api/1.json') ?? 0)).toBe(0);
  });

  it('dismisses alert, confirm and prompt dialogs and reads the page', async () => {
    expect(productOf(await render('/dialogs')).title).toBe('Rendered Kettle 1');
  });

  it('gives a 404 page as gone', async () => {
    expect((await render('/not-found')).kind).toBe('gone');
  });
});

describe('hostile pages: one error each, and the pool keeps serving', () => {
  const cases: { path: string; kind: string; limits?: Partial<RenderLimits> }[] = [
    { path: '/never-ends', kind: 'render_timeout' },
    { path: '/busy-loop', kind: 'render_timeout' },
    { path: '/dialog-storm', kind: 'render_timeout' },
    { path: '/eat-memory', kind: 'render_crash', limits: { timeoutMs: 20_000 } },
    { path: '/eat-buffers', kind: 'render_crash', limits: { timeoutMs: 20_000 } },
    { path: '/js-redirect', kind: 'redirect_loop' },
    { path: '/huge', kind: 'too_large' },
  ];
  for (const { path, kind, limits } of cases) {
    it(`${path} ends as ${kind}`, async () => {
      const started = Date.now();
      const killed = pool.stats().renderersKilled;
      const outcome = await render(path, { limits });
      expect(outcome.kind, JSON.stringify(outcome)).toBe('error');
      if (outcome.kind === 'error') {
        expect(outcome.error.kind, outcome.error.message).toBe(kind);
        expect(outcome.error.message).toContain(path.split('?')[0]);
      }
      expect(Date.now() - started).toBeLessThan((limits?.timeoutMs ?? LIMITS.timeoutMs!) + 8_000);
      // Script heap past its cap: V8 ends the renderer itself; buffers outside it: the pool's memory watch does.
      expect(pool.stats().renderersKilled - killed).toBe(path === '/eat-buffers' ? 1 : 0);
      await expectPoolServes();
    }, 60_000);
  }

  it('renders two hostile pages and a good one side by side', async () => {
    const [hang, crash, good] = await Promise.all([render('/busy-loop'), render('/eat-memory', { limits: { timeoutMs: 20_000 } }), render('/p/4')]);
    expect(hang.kind === 'error' && hang.error.kind).toBe('render_timeout');
    expect(crash.kind === 'error' && crash.error.kind).toBe('render_crash');
    expect(productOf(good).title).toBe('Rendered Kettle 4');
  }, 60_000);

  it('relaunches a browser that was killed', async () => {
    await expectPoolServes();
    const { browserPid, launches } = pool.stats();
    expect(browserPid).not.toBeNull();
    process.kill(-browserPid!, 'SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await expectPoolServes();
    expect(pool.stats().launches).toBe(launches + 1);
  }, 60_000);
});

describe('politeness: a render is one request through the fetcher', () => {
  it('is refused by robots.txt before any browser is involved', async () => {
    const store = testStore(server.url);
    const fetcher = testFetcher(store);
    const served = pool.stats().pagesServed;
    try {
      const outcome = await fetcher.withPermit(`${server.url}/private/p/1`, () => render('/p/1'));
      expect(outcome.kind).toBe('error');
      if (outcome.kind === 'error') expect(outcome.error.kind).toBe('robots');
      expect(pool.stats().pagesServed).toBe(served);
      const granted = await fetcher.withPermit(`${server.url}/p/1`, ({ allowPrivate }) => render('/p/1', { allowPrivate }));
      expect(granted.kind).toBe('granted');
      expect(fetcher.stats()[new URL(server.url).host]?.requests).toBeGreaterThanOrEqual(1);
    } finally {
      await fetcher.close();
    }
  });
});

describe('closing the pool', () => {
  it('leaves no Chromium process behind, and refuses later pages as one error', async () => {
    const own = new BrowserPool({ maxPages: 1 });
    const outcome = await renderPage(own, { url: `${server.url}/p/1`, hostPatterns: [new URL(server.url).host], allowPrivate: true, limits: LIMITS });
    expect(outcome.kind).toBe('ok');
    const pid = own.stats().browserPid!;
    expect(descendantsOf(process.pid).some((info) => info.pid === pid)).toBe(true);
    await own.close();
    expect(descendantsOf(pid)).toEqual([]);
    expect(descendantsOf(process.pid).some((info) => info.pid === pid)).toBe(false);
    const refused = await renderPage(own, { url: `${server.url}/p/1`, hostPatterns: [new URL(server.url).host], allowPrivate: true });
    expect(refused.kind === 'error' && refused.error.kind).toBe('render_failed');
  });

  it('launches nothing until a page is asked for', async () => {
    const before = chromiumProcesses().length;
    const idle = new BrowserPool();
    expect(idle.stats().launches).toBe(0);
    expect(chromiumProcesses().length).toBe(before);
    await idle.close();
  });

  it('ends the shared pool with no Chromium left in the process tree', async () => {
    await pool.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(chromiumProcesses().map((info) => `${info.pid} ${info.name}`)).toEqual([]);
  });
});
