// `tulna bench detect [dir]`: the share of shops whose platform detection gets right.
//  1. Saved real pages (dir, default ../shared/datasets/product-pages, read at run time): the page alone
//     (no headers, no endpoint), against labels by origin (detect-labels.ts). Printed first.
//  2. The running demo stores: full detection through the polite fetcher, platform and proposed config.
//  3. The hand-written fixtures of the tests (written with the rules: not held out).
// Last line: a summary of the three.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startDemoStores } from '../../crawlers/demo/index.ts';
import { createDetectionFetcher, detectStore, pageParts, platformOfPage, PLATFORM_IDS } from '../../crawlers/detect/index.ts';
import { labelOf, type PlatformLabel } from './detect-labels.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const FIXTURES = join(ROOT, 'test/fixtures/platforms');
/** The fixture folders whose home page is on no platform. */
const FIXTURE_LABELS: Record<string, PlatformLabel> = { plain: 'other', mentions: 'other' };

/** What each demo store kind is; kinds not listed are reported as unlabelled. */
const DEMO_EXPECTED: Record<string, { platform: PlatformLabel; discovery: string; sourceKind: string }> = {
  jsonld: { platform: 'other', discovery: 'start-pages', sourceKind: 'jsonld' },
  microdata: { platform: 'other', discovery: 'start-pages', sourceKind: 'microdata' },
  html: { platform: 'other', discovery: 'start-pages', sourceKind: 'html' },
  sitemap: { platform: 'other', discovery: 'sitemap', sourceKind: 'jsonld' },
  shopify: { platform: 'shopify', discovery: 'shopify', sourceKind: 'jsonld' },
  magento: { platform: 'magento', discovery: 'magento', sourceKind: 'microdata' },
  opencart: { platform: 'opencart', discovery: 'start-pages', sourceKind: 'jsonld' },
  marketplace: { platform: 'other', discovery: 'start-pages', sourceKind: 'jsonld' },
  browser: { platform: 'other', discovery: 'start-pages', sourceKind: 'browser' },
};

interface Tally {
  right: number;
  total: number;
}

const share = (t: Tally) => (t.total === 0 ? '—' : (t.right / t.total).toFixed(3));
const shown = (label: PlatformLabel | null) => (label === null || label === 'other' ? 'none' : label);

function tallyBy(rows: { label: PlatformLabel; right: boolean }[]): Map<PlatformLabel, Tally> {
  const tallies = new Map<PlatformLabel, Tally>([...PLATFORM_IDS, 'other'].map((p) => [p as PlatformLabel, { right: 0, total: 0 }]));
  for (const row of rows) {
    const t = tallies.get(row.label)!;
    t.total += 1;
    if (row.right) t.right += 1;
  }
  return tallies;
}

function printTallies(tallies: Map<PlatformLabel, Tally>, out: string[]): Tally {
  const overall = { right: 0, total: 0 };
  for (const [label, t] of tallies) {
    const name = label === 'other' ? 'none of the six' : label;
    out.push(t.total === 0 ? `  ${name.padEnd(16)} no labelled pages` : `  ${name.padEnd(16)} ${t.right}/${t.total}  ${share(t)}`);
    overall.right += t.right;
    overall.total += t.total;
  }
  return overall;
}

interface SavedPage {
  file: string;
  url: string;
}

function readManifest(dir: string): SavedPage[] {
  const path = join(dir, 'manifest.jsonl');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Could not read ${path}: ${(error as Error).message}`, { cause: error });
  }
  return text
    .split('\n')
    .filter((line) => line.trim())
    .map((line, i) => {
      const entry = JSON.parse(line) as Partial<SavedPage>;
      if (typeof entry.file !== 'string' || typeof entry.url !== 'string') throw new Error(`${path}:${i + 1}: expected "file" and "url"`);
      return { file: entry.file, url: entry.url };
    });
}

function realPages(dir: string, out: string[]): Tally {
  const pages = readManifest(dir);
  const rows: { label: PlatformLabel; right: boolean }[] = [];
  const unlabelled: string[] = [];
  const mistakes: string[] = [];
  for (const page of pages) {
    const found = platformOfPage(pageParts(readFileSync(join(dir, page.file), 'utf8')));
    const label = labelOf(page.url);
    if (!label) {
      unlabelled.push(`${new URL(page.url).hostname} → ${shown(found)}`);
      continue;
    }
    const right = (label.platform === 'other' ? null : label.platform) === found;
    rows.push({ label: label.platform, right });
    if (!right) mistakes.push(`${page.file}: labelled ${shown(label.platform)} (${label.why}), detected ${shown(found)}`);
  }
  out.push(`Real saved pages (${dir}; the page alone, labels by origin in cli/bench/detect-labels.ts):`);
  const overall = printTallies(tallyBy(rows), out);
  out.push(`  overall          ${overall.right}/${overall.total}  ${share(overall)}`);
  for (const mistake of mistakes) out.push(`  wrong: ${mistake}`);
  out.push(`  unlabelled (not scored), ${unlabelled.length} pages: ${unlabelled.join(', ') || 'none'}`);
  out.push('  note: the two positive labels (Shopify, Magento 2) were read from the page sources, and those pages were seen while the');
  out.push('  fingerprints were written; WooCommerce, PrestaShop, OpenCart and BigCommerce have no labelled real page at all.');
  return overall;
}

async function demoStores(out: string[]): Promise<Tally> {
  const demo = await startDemoStores({ seed: 1, crawlDelay: null });
  const tally = { right: 0, total: 0 };
  out.push('Running demo stores (full detection: home page, endpoints, sitemaps, a sampled product page):');
  try {
    for (const store of demo.stores) {
      const expected = DEMO_EXPECTED[store.profile.kind];
      const fetcher = createDetectionFetcher({ allowPrivate: true, politeness: { requestsPerSecond: 50 } });
      const started = Date.now();
      let line: string;
      try {
        const report = await detectStore(`${store.baseUrl}/`, { fetcher });
        const got = { platform: (report.platform ?? 'other') as PlatformLabel, discovery: report.proposed.discovery.kind, sourceKind: report.proposed.sourceKind ?? 'jsonld' };
        const text = `platform ${shown(got.platform)}, discovery ${got.discovery}, pages read as ${got.sourceKind}`;
        if (expected) {
          const right = got.platform === expected.platform && got.discovery === expected.discovery && got.sourceKind === expected.sourceKind;
          tally.total += 1;
          if (right) tally.right += 1;
          line = `${right ? 'right' : 'WRONG'}: ${text}${right ? '' : ` (expected platform ${shown(expected.platform)}, ${expected.discovery}, ${expected.sourceKind})`}`;
        } else {
          line = `unlabelled kind: ${text}`;
        }
      } catch (error) {
        if (expected) tally.total += 1;
        line = `FAILED: ${(error as Error).message}`;
      } finally {
        await fetcher.close();
      }
      out.push(`  ${store.profile.id.padEnd(18)} (${store.profile.kind}) ${line} [${Date.now() - started} ms]`);
      process.stderr.write(`detect ${store.profile.id} done\n`);
    }
  } finally {
    await demo.close();
  }
  out.push(`  share right: ${tally.right}/${tally.total}  ${share(tally)}`);
  return tally;
}

function fixtures(out: string[]): Tally {
  const rows: { label: PlatformLabel; right: boolean }[] = [];
  for (const name of readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
    const label: PlatformLabel = FIXTURE_LABELS[name] ?? (name as PlatformLabel);
    const found = platformOfPage(pageParts(readFileSync(join(FIXTURES, name, 'home.html'), 'utf8')));
    rows.push({ label, right: (label === 'other' ? null : label) === found });
  }
  out.push('Hand-written fixtures (test/fixtures/platforms, the page alone; written with the rules, so not held out):');
  const overall = printTallies(tallyBy(rows), out);
  out.push(`  overall          ${overall.right}/${overall.total}  ${share(overall)}`);
  return overall;
}

export async function runBench(args: string[], flags: Record<string, unknown>): Promise<number> {
  const dir = args[0] ?? resolve(ROOT, '../shared/datasets/product-pages');
  const out: string[] = [];
  const real = realPages(dir, out);
  const demo = await demoStores(out);
  const written = fixtures(out);
  const summary = { realPages: real, demoStores: demo, fixtures: written };
  if (flags.json === true) {
    process.stdout.write(`${JSON.stringify({ lines: out, summary }, null, 2)}\n`);
  } else {
    process.stdout.write(`${out.join('\n')}\n`);
    process.stdout.write(
      `summary: real pages ${real.right}/${real.total} (${share(real)}); demo stores ${demo.right}/${demo.total} (${share(demo)}); fixtures ${written.right}/${written.total} (${share(written)})\n`,
    );
  }
  return 0;
}
