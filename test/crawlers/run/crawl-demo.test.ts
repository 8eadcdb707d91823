// Smoke test of `tulna crawl --demo` as a user runs it: a child process starts the five demo stores,
// crawls each once into a fresh embedded database and ends with the summary line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoGroundTruth } from '../../../crawlers/demo/index.ts';
import { openDatabase, queryRows } from '../../../db/client.ts';
import { lastLine, runCli } from './cli-child.ts';

const SUMMARY = /^crawl summary: (\d+) pages, (\d+) listings \((\d+) new, (\d+) changed, (\d+) unchanged\), (\d+) errors in (\d+\.\d) s$/;

describe('tulna crawl --demo', () => {
  let dataDir: string;
  let code: number | string;
  let stdout: string;
  let stderr: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'tulna-demo-crawl-'));
    // Lalaji's robots.txt asks for a 1 s Crawl-delay: the whole crawl takes about two minutes.
    const child = runCli(['crawl', '--demo'], { TULNA_DATA_DIR: dataDir });
    code = await child.exited;
    stdout = child.stdout();
    stderr = child.stderr();
  }, 300_000);

  afterAll(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('crawls every demo store and ends with the summary line', () => {
    expect(code, stderr.slice(-2_000)).toBe(0);
    const match = lastLine(stdout).match(SUMMARY);
    expect(match, `last line: ${lastLine(stdout)}`).not.toBeNull();
    const [, pages, listings, created, changed, unchanged] = match!.map(Number);
    const truth = demoGroundTruth();
    expect(truth.length).toBe(823);
    // Gadget Gali's 84 listings come from a few /products.json pages, not from product pages.
    const shopify = truth.filter((t) => t.storeId === 'demo-gadgetgali').length;
    expect(shopify).toBe(84);
    expect(pages).toBeGreaterThanOrEqual(truth.length - shopify);
    expect(pages).toBeLessThan(truth.length);
    expect(listings).toBeGreaterThanOrEqual(truth.length);
    expect(created + changed + unchanged).toBe(listings);
    for (const store of ['demo-dukaan', 'demo-bazaarkart', 'demo-lalaji', 'demo-voltstream', 'demo-gadgetgali']) {
      expect(stdout).toMatch(new RegExp(`${store}\\s+succeeded`));
    }
  });

  // Voltstream's sitemap also lists its home and collection pages: its product URL pattern keeps
  // them out, so no page that is not a product becomes a listing.
  it('reads only product pages: 0 errors and one listing per demo product page', async () => {
    const [, , listings, , , , errors] = lastLine(stdout).match(SUMMARY)!.map(Number);
    const handle = await openDatabase({ dataDir });
    try {
      const rows = await queryRows<{ url: string }>(handle.db, sql`SELECT url FROM listings`);
      const productPaths = new Set(demoGroundTruth().map((truth) => truth.path));
      const notProducts = rows.map((row) => new URL(row.url)).filter((url) => !productPaths.has(url.pathname + url.search));
      expect(notProducts.map((url) => url.href)).toEqual([]);
    } finally {
      await handle.close();
    }
    expect(errors).toBe(0);
    expect(listings).toBe(demoGroundTruth().length);
  });
});
