// `tulna stores add` end to end: a real child process detects every running demo store.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStoresConfig, storeConfigSchema } from '../../../crawlers/config/store-config.ts';
import { startDemoStores, type DemoStores, type RunningDemoStore } from '../../../crawlers/demo/index.ts';
import { runCli } from '../run/cli-child.ts';

let demo: DemoStores;
let dir: string;

beforeAll(async () => {
  demo = await startDemoStores({ seed: 1, crawlDelay: null });
  dir = mkdtempSync(join(tmpdir(), 'tulna-stores-add-'));
});

afterAll(async () => {
  await demo?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function storesAdd(args: string[], storesFile = join(dir, 'unused.json')) {
  const child = runCli(['stores', 'add', ...args], { TULNA_STORES: storesFile, TULNA_LOG_LEVEL: 'warn' });
  const code = await child.exited;
  return { code, stdout: child.stdout(), stderr: child.stderr() };
}

/** What each demo store kind must be detected as. Kinds added later are checked for a valid proposal only. */
const EXPECTED: Record<string, { platform: string | null; discovery: string; sourceKind: string }> = {
  jsonld: { platform: null, discovery: 'start-pages', sourceKind: 'jsonld' },
  microdata: { platform: null, discovery: 'start-pages', sourceKind: 'microdata' },
  html: { platform: null, discovery: 'start-pages', sourceKind: 'html' },
  sitemap: { platform: null, discovery: 'sitemap', sourceKind: 'jsonld' },
  shopify: { platform: 'shopify', discovery: 'shopify', sourceKind: 'jsonld' },
  magento: { platform: 'magento', discovery: 'magento', sourceKind: 'microdata' },
  opencart: { platform: 'opencart', discovery: 'start-pages', sourceKind: 'jsonld' },
  marketplace: { platform: null, discovery: 'start-pages', sourceKind: 'jsonld' },
  browser: { platform: null, discovery: 'start-pages', sourceKind: 'browser' },
};

/** The proposed discovery finds this store's products: start pages are its category pages, the pattern its product URLs. */
function expectDiscoveryFits(store: RunningDemoStore, discovery: any): void {
  const products = store.inventory.listings.slice(0, 50).map((l) => `${store.baseUrl}${l.path}`);
  if (discovery.kind === 'start-pages') {
    for (const url of discovery.urls) expect(store.profile.parseCategoryPath(new URL(url)), `${store.profile.id} start page ${url}`).not.toBeNull();
    if (discovery.productLinkPattern) {
      const pattern = new RegExp(discovery.productLinkPattern, 'i');
      for (const url of products) expect(pattern.test(url), `${store.profile.id}: ${url} matches ${pattern}`).toBe(true);
      for (const url of discovery.urls) expect(pattern.test(url), `${store.profile.id}: category ${url} is no product`).toBe(false);
    }
  }
  if (discovery.kind === 'sitemap') {
    expect(discovery.url).toBe(`${store.baseUrl}/sitemap_index.xml`);
    const pattern = new RegExp(discovery.productUrlPattern, 'i');
    for (const url of products) expect(pattern.test(url)).toBe(true);
  }
}

describe('tulna stores add', () => {
  it('detects every demo store right and proposes a valid config for it', async () => {
    const results = await Promise.all(demo.stores.map(async (store) => ({ store, ...(await storesAdd([`${store.baseUrl}/`, '--allow-private', '--json'])) })));
    for (const { store, code, stdout, stderr } of results) {
      expect(code, `${store.profile.id}: ${stderr}`).toBe(0);
      const report = JSON.parse(stdout);
      expect(storeConfigSchema.safeParse(report.proposed).success, store.profile.id).toBe(true);
      expect(report.written).toBeNull();
      expect(report.proposed).toMatchObject({ baseUrl: `${store.baseUrl}/`, currency: store.profile.currency });
      const expected = EXPECTED[store.profile.kind];
      if (!expected) continue;
      expect({ id: store.profile.id, platform: report.platform, discovery: report.proposed.discovery.kind, sourceKind: report.proposed.sourceKind }).toEqual({
        id: store.profile.id,
        ...expected,
      });
      expectDiscoveryFits(store, report.proposed.discovery);
      // Progress lines while probing.
      expect(stderr).toMatch(/^Fetching the home page /);
    }
  }, 90_000);

  it('prints the platform, its evidence and the config; --write appends it and refuses the same id twice', async () => {
    const file = join(dir, 'config', 'stores.json');
    const shopify = demo.stores.find((s) => s.profile.kind === 'shopify')!;
    const magento = demo.stores.find((s) => s.profile.kind === 'magento')!;
    const first = await storesAdd([`${shopify.baseUrl}/`, '--allow-private', '--write'], file);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^Platform: {2}Shopify \(confirmed by http:\/\/127\.0\.0\.1:\d+\/products\.json\?limit=1\)/);
    expect(first.stdout).toMatch(/Evidence:\n {2}Shopify: score \d+\n {4}\+ script {4}Shopify\.shop/);
    expect(first.stdout).toMatch(/Added "127-0-0-1-\d+" to .*stores\.json/);
    const written = readFileSync(file, 'utf8');
    expect(parseStoresConfig(JSON.parse(written)).map((s) => s.discovery.kind)).toEqual(['shopify']);

    const again = await storesAdd([`${shopify.baseUrl}/`, '--allow-private', '--write'], file);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/a store with id "127-0-0-1-\d+" is already in/);
    expect(readFileSync(file, 'utf8')).toBe(written);

    const second = await storesAdd([`${magento.baseUrl}/`, '--allow-private', '--write', '--json'], file);
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout).written).toBe(file);
    expect(parseStoresConfig(JSON.parse(readFileSync(file, 'utf8'))).map((s) => s.discovery.kind)).toEqual(['shopify', 'magento']);
  }, 60_000);

  it('refuses a loopback shop without --allow-private, and bad arguments', async () => {
    const file = join(dir, 'refused.json');
    const refused = await storesAdd([`${demo.stores[0].baseUrl}/`, '--write'], file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/private or loopback address 127\.0\.0\.1[\s\S]*pass --allow-private/);
    expect(existsSync(file)).toBe(false);
    expect((await storesAdd(['ftp://shop.example/'])).code).toBe(2);
    expect((await storesAdd([`${demo.stores[0].baseUrl}/`, '--currency', 'euro'])).code).toBe(2);
  }, 60_000);
});
