// Sitemap documents (https://www.sitemaps.org/protocol.html): <urlset>, <sitemapindex>, or a
// plain-text list of URLs. Pure: text in, locations out.
import { XMLParser } from 'fast-xml-parser';

export type ParsedSitemap =
  | { kind: 'urlset'; urls: string[] }
  | { kind: 'index'; sitemaps: string[] }
  | { kind: 'text'; urls: string[] };

export class SitemapParseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SitemapParseError';
  }
}

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name === 'url' || name === 'sitemap',
});

function locations(entries: unknown): string[] {
  if (!Array.isArray(entries)) return [];
  const found: string[] = [];
  for (const entry of entries) {
    const loc = (entry as { loc?: unknown } | null)?.loc;
    if (typeof loc === 'string' && loc.trim() !== '') found.push(loc.trim());
  }
  return found;
}

/** Parses a sitemap; `source` names it in errors. */
export function parseSitemap(text: string, source: string): ParsedSitemap {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (!trimmed.startsWith('<')) {
    const urls = trimmed.split(/\r?\n/).map((line) => line.trim()).filter((line) => /^https?:\/\//i.test(line));
    if (urls.length === 0 && trimmed !== '') {
      throw new SitemapParseError(`${source} is neither XML nor a list of URLs (starts with ${JSON.stringify(trimmed.slice(0, 40))})`);
    }
    return { kind: 'text', urls };
  }
  let document: Record<string, unknown>;
  try {
    document = parser.parse(trimmed) as Record<string, unknown>;
  } catch (error) {
    throw new SitemapParseError(`${source} is not well-formed XML: ${(error as Error).message}`, { cause: error });
  }
  const index = document.sitemapindex as { sitemap?: unknown } | undefined;
  if (index !== undefined) return { kind: 'index', sitemaps: locations(index?.sitemap) };
  const urlset = document.urlset as { url?: unknown } | undefined;
  if (urlset !== undefined) return { kind: 'urlset', urls: locations(urlset?.url) };
  const root = Object.keys(document).find((key) => !key.startsWith('?')) ?? '(none)';
  throw new SitemapParseError(`${source} has root element <${root}>, expected <urlset> or <sitemapindex>`);
}
