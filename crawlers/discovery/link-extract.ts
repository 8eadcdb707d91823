// Links in an HTML page, read with a tolerant regex scan (no DOM: listing pages can be large and
// we only need href, rel and a little anchor text). Honours <base href>.

export interface PageLink {
  /** Absolute URL (not yet canonicalised). */
  url: string;
  /** rel tokens, lower-cased ("next", "nofollow", …). */
  rel: string[];
  /** Anchor text without tags, trimmed ('' for <link>). */
  text: string;
}

const ANCHOR = /<a\b([^>]*)>([\s\S]{0,500}?)<\/a\s*>/gi;
const LINK_OR_BASE = /<(link|base)\b([^>]*)>/gi;
const ATTRIBUTE = /([^\s"'<>/=]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

const ENTITIES: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>', nbsp: ' ' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, entity: string) => {
    if (entity[0] === '#') {
      const code = entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : parseInt(entity.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[entity.toLowerCase()] ?? whole;
  });
}

function attributes(source: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const match of source.matchAll(ATTRIBUTE)) {
    const name = match[1].toLowerCase();
    if (!found.has(name)) found.set(name, decodeEntities(match[2] ?? match[3] ?? match[4] ?? ''));
  }
  return found;
}

function resolve(href: string | undefined, base: URL): string | null {
  if (!href) return null;
  try {
    return new URL(href.trim(), base).href;
  } catch {
    return null;
  }
}

/** Every <a href> and <link href> of the page, resolved against the page URL or its <base>. */
export function extractLinks(html: string, pageUrl: string): PageLink[] {
  let base = new URL(pageUrl);
  const links: PageLink[] = [];
  for (const match of html.matchAll(LINK_OR_BASE)) {
    const attrs = attributes(match[2]);
    const url = resolve(attrs.get('href'), base);
    if (!url) continue;
    if (match[1].toLowerCase() === 'base') {
      base = new URL(url);
      continue;
    }
    links.push({ url, rel: (attrs.get('rel') ?? '').toLowerCase().split(/\s+/).filter(Boolean), text: '' });
  }
  for (const match of html.matchAll(ANCHOR)) {
    const attrs = attributes(match[1]);
    const url = resolve(attrs.get('href'), base);
    if (!url) continue;
    const text = decodeEntities(match[2].replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
    links.push({ url, rel: (attrs.get('rel') ?? '').toLowerCase().split(/\s+/).filter(Boolean), text });
  }
  return links;
}

const PAGE_PARAM = /^(?:page|p|pg|pagenum|pagenumber|page_no|pageno|offset|start)$/i;
const PAGE_PATH = /\/page[/-]?\d+\/?$/i;
const NEXT_TEXT = /^(?:\d{1,4}|next|next page|more|›|»|>|→)$/i;

/** True for a link to another page of the same listing: rel=next, a page parameter or path. */
export function isPaginationLink(link: PageLink, pageUrl: string): boolean {
  if (link.rel.includes('next')) return true;
  const target = new URL(link.url);
  const page = new URL(pageUrl);
  if (target.host !== page.host) return false;
  if ([...target.searchParams.keys()].some((key) => PAGE_PARAM.test(key)) && target.pathname === page.pathname) return true;
  if (PAGE_PATH.test(target.pathname)) return true;
  return NEXT_TEXT.test(link.text) && target.pathname === page.pathname && target.search !== page.search;
}
