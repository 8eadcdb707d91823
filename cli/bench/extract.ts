// `tulna bench extract <dir>`: runs extractListing over the real product pages of <dir> (manifest.jsonl, see
// shared/datasets/product-pages/SOURCES.md), scores each annotated field, split into pages with structured
// markup (any `markup` flag true: JSON-LD Product, microdata Product/Offer, or OpenGraph product price) and
// pages without, measures single-core speed, and prints the mismatches.
// Last line: `price accuracy: 0.xxx (n/N)` over all pages with an annotated price.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { compareAmounts } from '../../crawlers/extract/amount.ts';
import { extractListing } from '../../crawlers/extract/index.ts';
import type { ExtractedListing, ExtractionResult } from '../../crawlers/extract/types.ts';
import { normaliseAvailability } from '../../crawlers/normalise/availability.ts';
import { minorUnitDigits, normaliseCurrency } from '../../crawlers/normalise/currency.ts';
import { normaliseGtin } from '../../crawlers/normalise/identifiers.ts';

const FIELDS = ['price', 'currency', 'availability', 'sku', 'brand', 'gtin'] as const;
type Field = (typeof FIELDS)[number];

const entrySchema = z.object({
  file: z.string(),
  url: z.string(),
  captured_at: z.string().nullish(),
  markup: z.record(z.boolean()).default({}),
  /** Lists of accepted values; null entries (annotated as absent) are dropped. */
  expected: z
    .record(z.union([z.array(z.string().nullable()), z.string(), z.null()]))
    .default({})
    .transform((expected) => {
      const out: Record<string, string[]> = {};
      for (const [key, value] of Object.entries(expected)) {
        const list = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
        if (list.length > 0) out[key] = list;
      }
      return out;
    }),
});
type Entry = z.infer<typeof entrySchema>;

function readManifest(dir: string): Entry[] {
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
    .map((line, index) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (error) {
        throw new Error(`${path}:${index + 1}: expected a JSON object, found ${JSON.stringify(line.slice(0, 60))}`, { cause: error });
      }
      const parsed = entrySchema.safeParse(json);
      if (!parsed.success) throw new Error(`${path}:${index + 1}: not a manifest entry: ${parsed.error.issues[0].message}`);
      return parsed.data;
    });
}

/**
 * Decimal readings of an annotated price: as written, and with a dot read as grouping ("23.450" → 23450,
 * see SOURCES.md). For a currency without minor units (CLP, JPY…) a fraction cannot be a fraction: the
 * annotation "24.99" of a page showing "$24.990" lost its trailing zero when stored as a number.
 */
function expectedAmounts(text: string, currency: string | null): string[] {
  const t = text.trim().replace(/,/g, '');
  const out = /^\d+(?:\.\d+)?$/.test(t) ? [t] : [];
  if (/^\d{1,3}(?:\.\d{3})+$/.test(t)) out.push(t.replace(/\./g, ''));
  const grouped = /^(\d{1,3})\.(\d{1,3})$/.exec(t);
  if (grouped && minorUnitDigits(currency) === 0) out.push(grouped[1] + grouped[2].padEnd(3, '0'));
  return out;
}

const squashLower = (s: string) => s.replace(/\s+/g, ' ').trim().toLowerCase();

export function fieldMatches(field: Field, expected: string[], listing: ExtractedListing): boolean {
  switch (field) {
    case 'price':
      return listing.price !== null && expected.some((e) => expectedAmounts(e, listing.currency).some((a) => compareAmounts(a, listing.price!) === 0));
    case 'currency':
      return expected.some((e) => {
        const iso = normaliseCurrency(e, listing.currency);
        if (iso && listing.currency) return iso === listing.currency;
        return listing.currencyText !== null && squashLower(e) === squashLower(listing.currencyText);
      });
    case 'availability':
      // The annotations only know InStock/OutOfStock; "limited" (only a few left) is in stock.
      return expected.some((e) => {
        const wanted = normaliseAvailability(e);
        return wanted === listing.availability || (wanted === 'in_stock' && listing.availability === 'limited');
      });
    case 'sku':
      return listing.sku !== null && expected.some((e) => squashLower(e) === squashLower(listing.sku!));
    case 'brand':
      return listing.brand !== null && expected.some((e) => squashLower(e) === squashLower(listing.brand!));
    case 'gtin':
      return listing.gtin !== null && expected.some((e) => (normaliseGtin(e) ?? e.padStart(14, '0')) === listing.gtin);
  }
}

function shown(field: Field, listing: ExtractedListing | undefined): string {
  if (!listing) return '(error)';
  if (field === 'currency') return `${listing.currency ?? 'null'} / ${JSON.stringify(listing.currencyText)}`;
  const value = listing[field];
  const source = listing.fieldSources[field] ? ` [${listing.fieldSources[field]}]` : '';
  return `${JSON.stringify(value)}${source}`;
}

interface Tally {
  hit: number;
  total: number;
}

const ratio = (t: Tally) => (t.total === 0 ? '  -  ' : (t.hit / t.total).toFixed(3));

export async function runBench(args: string[], flags: Record<string, unknown>): Promise<number> {
  const dir = args[0] ?? '../shared/datasets/product-pages';
  let entries = readManifest(dir);
  const limit = typeof flags.limit === 'string' ? Number(flags.limit) : NaN;
  if (Number.isFinite(limit) && limit > 0) entries = entries.slice(0, limit);
  const pages = entries.map((entry) => ({ entry, html: readFileSync(join(dir, entry.file), 'utf8') }));
  const run = (page: (typeof pages)[number]): ExtractionResult =>
    extractListing(page.html, { url: page.entry.url, fetchedAt: page.entry.captured_at ? new Date(page.entry.captured_at) : undefined });

  const results = pages.map(run); // also the warm-up pass
  // CPU time of this process is the single-core figure; wall time is shown too, but on a shared machine
  // it also counts the time other processes held the core.
  const passes = 5;
  const started = performance.now();
  const cpuStart = process.cpuUsage();
  for (let pass = 0; pass < passes; pass += 1) for (const page of pages) run(page);
  const cpu = process.cpuUsage(cpuStart);
  const seconds = (cpu.user + cpu.system) / 1e6;
  const wallSeconds = (performance.now() - started) / 1000;
  const megabytes = pages.reduce((sum, p) => sum + p.html.length, 0) / 1e6;

  const tallies = { markup: {} as Record<Field, Tally>, plain: {} as Record<Field, Tally> };
  for (const group of Object.values(tallies)) for (const field of FIELDS) group[field] = { hit: 0, total: 0 };
  const mismatches: string[] = [];
  let priceHit = 0;
  let priceTotal = 0;
  pages.forEach(({ entry }, i) => {
    const result = results[i];
    const listing = result.ok ? result.listing : (result.partial as ExtractedListing | undefined);
    const hasMarkup = Object.values(entry.markup).some(Boolean);
    const group = hasMarkup ? tallies.markup : tallies.plain;
    if (!result.ok) mismatches.push(`${entry.file}: error ${result.error.code}: ${result.error.message}`);
    for (const field of FIELDS) {
      const expected = entry.expected[field];
      if (!expected || expected.length === 0) continue;
      const ok = listing !== undefined && result.ok && fieldMatches(field, expected, listing);
      group[field].total += 1;
      if (ok) group[field].hit += 1;
      if (field === 'price') {
        priceTotal += 1;
        if (ok) priceHit += 1;
      }
      if (!ok) mismatches.push(`${entry.file}: ${field} expected ${JSON.stringify(expected)} got ${shown(field, listing)}`);
    }
  });

  const out: string[] = [];
  out.push(`pages: ${pages.length} (${pages.filter((p) => Object.values(p.entry.markup).some(Boolean)).length} with markup), ${megabytes.toFixed(1)} MB`);
  out.push('');
  out.push('field          with markup          without markup');
  for (const field of FIELDS) {
    const m = tallies.markup[field];
    const p = tallies.plain[field];
    out.push(`${field.padEnd(14)} ${ratio(m)} (${m.hit}/${m.total})`.padEnd(36) + `${ratio(p)} (${p.hit}/${p.total})`);
  }
  out.push('');
  out.push(
    `speed: ${((pages.length * passes) / seconds).toFixed(1)} pages/s, ${((megabytes * passes) / seconds).toFixed(1)} MB/s ` +
      `per CPU-second (single core, ${passes} passes after a warm-up; wall clock ${((pages.length * passes) / wallSeconds).toFixed(1)} pages/s)`,
  );
  if (mismatches.length > 0) {
    out.push('', `mismatches (${mismatches.length}):`, ...mismatches.map((m) => `  ${m}`));
  }
  if (flags.json) {
    out.push(JSON.stringify({ tallies, pagesPerSecond: (pages.length * passes) / seconds, mismatches }));
  }
  out.push('', `price accuracy: ${(priceTotal ? priceHit / priceTotal : 0).toFixed(3)} (${priceHit}/${priceTotal})`);
  process.stdout.write(out.join('\n') + '\n');
  return 0;
}
