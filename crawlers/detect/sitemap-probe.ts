// Finds the shop's sitemap: the robots.txt Sitemap: lines, the platform's default places, then
// /sitemap.xml and /sitemap_index.xml; the first that reads as a sitemap with entries wins. For an
// index, one child (a product one when its name says so) is read for sample URLs.
import { unpackedText } from '../core/content-type.ts';
import type { Fetcher } from '../core/types.ts';
import { sitemapsFromRobots } from '../discovery/sitemap-discovery.ts';
import { parseSitemap, type ParsedSitemap } from '../discovery/sitemap-parse.ts';

const MAX_SITEMAP_BYTES = 20_000_000;
const MAX_TRIES = 6;
const MAX_SAMPLE = 500;
const GENERIC_PATHS = ['sitemap.xml', 'sitemap_index.xml'];

export interface SitemapFinding {
  url: string;
  /** Where its address came from, in words. */
  from: string;
  kind: ParsedSitemap['kind'];
  /** Page URLs read from it (or from one of its children), for the product URL shape and a sample page. */
  sampleUrls: string[];
}

type Read = { ok: true; parsed: ParsedSitemap; url: string } | { ok: false; reason: string };

async function readSitemap(fetcher: Fetcher, url: string): Promise<Read> {
  const outcome = await fetcher.fetch({ url, expect: 'xml' });
  if (outcome.kind === 'gone') return { ok: false, reason: `HTTP ${outcome.status}` };
  if (outcome.kind !== 'ok') return { ok: false, reason: outcome.kind === 'error' ? outcome.error.kind : outcome.kind };
  try {
    return { ok: true, parsed: parseSitemap(unpackedText(outcome, MAX_SITEMAP_BYTES), url), url: outcome.url };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}

function entries(parsed: ParsedSitemap): string[] {
  return parsed.kind === 'index' ? parsed.sitemaps : parsed.urls;
}

export interface FindSitemapOptions {
  fetcher: Fetcher;
  shopRoot: string;
  /** The platform's own sitemap paths, below the shop root. */
  platformPaths: readonly string[];
  onProgress?(message: string): void;
}

export async function findSitemap(options: FindSitemapOptions): Promise<SitemapFinding | null> {
  const { fetcher, shopRoot } = options;
  const fromRobots = await sitemapsFromRobots(shopRoot, fetcher, () => {});
  const candidates = new Map<string, string>();
  for (const url of fromRobots) candidates.set(url, 'robots.txt');
  for (const path of options.platformPaths) candidates.set(new URL(path, shopRoot).href, "the platform's default place");
  for (const path of GENERIC_PATHS) if (!candidates.has(new URL(path, shopRoot).href)) candidates.set(new URL(path, shopRoot).href, 'the usual place');
  let tries = 0;
  for (const [url, from] of candidates) {
    if (tries++ >= MAX_TRIES) break;
    options.onProgress?.(`Looking for a sitemap at ${url} (${from})`);
    const read = await readSitemap(fetcher, url);
    if (!read.ok) {
      options.onProgress?.(`  no sitemap there: ${read.reason}`);
      continue;
    }
    const found = entries(read.parsed);
    if (found.length === 0) {
      options.onProgress?.('  an empty sitemap');
      continue;
    }
    let sampleUrls = read.parsed.kind === 'index' ? [] : found.slice(0, MAX_SAMPLE);
    if (read.parsed.kind === 'index') {
      const child = found.find((c) => /product/i.test(c)) ?? found[0];
      let childUrl: string | null = null;
      try {
        childUrl = new URL(child, read.url).href;
      } catch {
        // An unusable child address: the index is still a sitemap.
      }
      if (childUrl) {
        options.onProgress?.(`  a sitemap index of ${found.length}; reading ${childUrl} for sample pages`);
        const childRead = await readSitemap(fetcher, childUrl);
        if (childRead.ok && childRead.parsed.kind !== 'index') sampleUrls = childRead.parsed.urls.slice(0, MAX_SAMPLE);
      }
    }
    return { url, from, kind: read.parsed.kind, sampleUrls };
  }
  return null;
}
