// Smoke test of `tulna crawl --demo` as a user runs it: a child process starts every demo store,
// crawls each once into a fresh embedded database and ends with the summary line.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoGroundTruth, demoStoreProfiles } from '../../../crawlers/demo/index.ts';
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
  }, 600_000);

  afterAll(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('crawls every demo store and ends with the summary line', () => {
    expect(code, stderr.slice(-2_000)).toBe(0);
    const match = lastLine(stdout).match(SUMMARY);
    expect(match, `last line: ${lastLine(stdout)}`).not.toBeNull();
    const [, pages, listings, created, changed, unchanged] = match!.map(Number);
    const truth = demoGroundTruth();
    // The API and feed stores' listings come from a few documents, not from product pages.
    const structured = new Set(demoStoreProfiles.filter((p) => ['shopify', 'magento', 'meta-feed'].includes(p.kind)).map((p) => p.id));
    const fromDocuments = truth.filter((t) => structured.has(t.storeId)).length;
    expect(fromDocuments).toBeGreaterThan(0);
    expect(pages).toBeGreaterThanOrEqual(truth.length - fromDocuments);
    expect(pages).toBeLessThan(truth.length);
    // A marketplace page gives one listing per seller: never fewer listings than product pages.
    expect(listings).toBeGreaterThanOrEqual(truth.length);
    expect(created + changed + unchanged).toBe(listings);
    for (const store of demoStoreProfiles.map((p) => p.id)) {
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
    const marketplace = demoStoreProfiles.filter((p) => p.kind === 'marketplace').map((p) => p.id);
    const singleOffer = demoGroundTruth().filter((t) => !marketplace.includes(t.storeId)).length;
    const handleAgain = await openDatabase({ dataDir });
    try {
      const [row] = await queryRows<{ n: number }>(
        handleAgain.db,
        sql`SELECT count(*)::int AS n FROM listings WHERE NOT (store_id = ANY(${`{${marketplace.join(',')}}`}::text[]))`,
      );
      expect(row.n).toBe(singleOffer);
    } finally {
      await handleAgain.close();
    }
    expect(listings).toBeGreaterThan(singleOffer);
  });
});
