// `npm run bench:lighthouse`: Lighthouse 12 (mobile defaults: emulated phone, simulated slow 4G and
// CPU throttling) on the home, search and product pages of the built site, served in this process
// over a seeded temporary database; prints performance and accessibility scores per page.
// Options: --runs N (default 1; the median score is printed), --driver pglite|postgres.
import { parseArgs } from 'node:util';
import { setSharedDatabase, type DriverName } from '../db/client.ts';
import { startSiteServer } from '../cli/site-server.ts';
import { openTestDatabase } from '../test/helpers/db.ts';
import { seedBulkCatalogue, seedSite } from '../test/helpers/site-seed.ts';
import { ensureSiteBuilt } from '../test/site/site-build.ts';

const CHROME_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const TARGET = 95;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

type Lighthouse = typeof import('lighthouse').default;

/** One Lighthouse run; a trace that failed to record (NO_NAVSTART on a busy machine) is retried twice. */
async function audit(lighthouse: Lighthouse, url: string, port: number) {
  let lastError = '';
  for (let attempt = 1; attempt <= 3; attempt++) {
    const result = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: ['performance', 'accessibility'] });
    if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
    const { runtimeError } = result.lhr;
    if (!runtimeError) return result;
    lastError = `${runtimeError.code} ${runtimeError.message}`;
    console.warn(`  (attempt ${attempt} on ${url} failed: ${runtimeError.code})`);
  }
  throw new Error(`Lighthouse could not load ${url}: ${lastError}`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '1' }, driver: { type: 'string', default: 'pglite' } } });
  const runs = Math.max(1, Number(values.runs));
  const driver = values.driver as DriverName;
  await ensureSiteBuilt();
  const { default: lighthouse } = await import('lighthouse');
  const chromeLauncher = await import('chrome-launcher');

  const handle = await openTestDatabase(driver);
  const seed = await seedSite(handle.db);
  await seedBulkCatalogue(handle.db, 300);
  setSharedDatabase(handle);
  const site = await startSiteServer({ host: '127.0.0.1', port: 0 });
  const chrome = await chromeLauncher.launch({
    chromePath: CHROME_PATH,
    chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const pages = [
    ['home', '/'],
    ['search', '/search?q=samsng+galxy'],
    ['product', `/p/${seed.galaxyId}`],
  ] as const;
  let failed = false;
  try {
    console.log(`Lighthouse ${runs} run(s) per page, mobile, Chromium at ${CHROME_PATH}, site ${site.url} (${driver})`);
    for (const [name, path] of pages) {
      const performance: number[] = [];
      const accessibility: number[] = [];
      const details: string[] = [];
      for (let run = 0; run < runs; run++) {
        const result = await audit(lighthouse, site.url + path, chrome.port);
        const { categories, audits } = result.lhr;
        performance.push(Math.round((categories.performance.score ?? 0) * 100));
        accessibility.push(Math.round((categories.accessibility.score ?? 0) * 100));
        details.push(
          ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time', 'cumulative-layout-shift']
            .map((id) => `${id.replace(/-/g, ' ').replace(/\b(\w)\w+/g, '$1').replace(/ /g, '').toUpperCase()} ${audits[id]?.displayValue ?? '?'}`)
            .join(', '),
        );
        for (const [id, audit] of Object.entries(audits)) {
          if (audit.score !== null && audit.score < 1 && result.lhr.categories.accessibility.auditRefs.some((ref) => ref.id === id && ref.weight > 0)) {
            details.push(`a11y: ${id} (${audit.title})`);
          }
        }
      }
      const perf = median(performance);
      const a11y = median(accessibility);
      if (perf < TARGET || a11y < TARGET) failed = true;
      console.log(`  ${name.padEnd(8)} performance ${String(perf).padStart(3)}  accessibility ${String(a11y).padStart(3)}   [${[...new Set(details)].join('; ')}]`);
    }
    console.log(failed ? `Below the target of ${TARGET} on some page.` : `All pages at or above ${TARGET}.`);
  } finally {
    chrome.kill();
    await site.close();
    await handle.close();
  }
  if (failed) process.exitCode = 1;
}

main().catch((error) => {
  console.error(`bench:lighthouse failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
