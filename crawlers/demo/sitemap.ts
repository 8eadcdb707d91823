// robots.txt and sitemaps for the demo stores. Voltstream publishes a sitemap index whose children
// are one sitemap per category (one of them gzipped) plus one for its other pages.
import { gzipSync } from 'node:zlib';
import { DEMO_CATEGORIES, type DemoCategory } from './catalogue/index.ts';
import { esc } from './format.ts';
import type { SiteContext } from './site.ts';

export interface RobotsOptions {
  /** Crawl-delay to publish, in seconds; null for none. */
  crawlDelay: number | null;
  sitemapUrl: string | null;
}

export function robotsTxt(options: RobotsOptions): string {
  const lines = [
    '# Demo store served by Tulna (tulna demo-stores). Crawlers welcome.',
    'User-agent: *',
    'Disallow: /cart',
    'Disallow: /search',
    'Disallow: /account',
    'Allow: /',
  ];
  if (options.crawlDelay !== null) lines.push(`Crawl-delay: ${options.crawlDelay}`);
  lines.push('', 'User-agent: BadBot', 'Disallow: /');
  if (options.sitemapUrl) lines.push('', `Sitemap: ${options.sitemapUrl}`);
  return lines.join('\n') + '\n';
}

/** Categories whose child sitemap is served gzipped. */
const GZIPPED: ReadonlySet<DemoCategory> = new Set(['tvs']);

function childName(ctx: SiteContext, category: DemoCategory): string {
  const slug = ctx.profile.categories[category].slug;
  return `products-${slug}.xml${GZIPPED.has(category) ? '.gz' : ''}`;
}

function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

function productLastmods(ctx: SiteContext, category: DemoCategory, tickMs: number): { loc: string; lastmod: number }[] {
  return (ctx.inventory.byCategory.get(category) ?? []).map((listing) => ({
    loc: `${ctx.baseUrl}${listing.path}`,
    lastmod: ctx.offer(listing).quote.sinceTick * tickMs,
  }));
}

function urlset(entries: { loc: string; lastmod: number }[]): string {
  const urls = entries.map((e) => `<url><loc>${esc(e.loc)}</loc><lastmod>${isoTime(e.lastmod)}</lastmod></url>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`;
}

export const SITEMAP_INDEX_PATH = '/sitemap_index.xml';

export function sitemapIndex(ctx: SiteContext, tickMs: number): string {
  const children = [
    { loc: `${ctx.baseUrl}/sitemaps/pages.xml`, lastmod: ctx.nowMs },
    ...DEMO_CATEGORIES.map((category) => ({
      loc: `${ctx.baseUrl}/sitemaps/${childName(ctx, category)}`,
      lastmod: Math.max(0, ...productLastmods(ctx, category, tickMs).map((e) => e.lastmod)),
    })),
  ];
  const body = children.map((c) => `<sitemap><loc>${esc(c.loc)}</loc><lastmod>${isoTime(c.lastmod)}</lastmod></sitemap>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${body}\n</sitemapindex>\n`;
}

/** A child sitemap by file name: XML text, gzip bytes for `.xml.gz`, or null when there is none. */
export function childSitemap(ctx: SiteContext, name: string, tickMs: number): { body: Buffer; gzipped: boolean } | null {
  if (name === 'pages.xml') {
    const pages = [{ loc: `${ctx.baseUrl}/`, lastmod: ctx.nowMs }];
    for (const category of DEMO_CATEGORIES) {
      pages.push({ loc: `${ctx.baseUrl}${ctx.profile.categoryPath({ category, page: 1 })}`, lastmod: ctx.nowMs });
    }
    return { body: Buffer.from(urlset(pages)), gzipped: false };
  }
  const category = DEMO_CATEGORIES.find((c) => childName(ctx, c) === name);
  if (!category) return null;
  const xml = Buffer.from(urlset(productLastmods(ctx, category, tickMs)));
  return GZIPPED.has(category) ? { body: gzipSync(xml, { level: 6 }), gzipped: true } : { body: xml, gzipped: false };
}
