// A small Atom 1.0 writer (RFC 4287): feed and entries in, a UTF-8 XML document out. Every text
// is escaped and cleared of characters XML 1.0 cannot hold, so scraped titles stay text. Pure.

export interface AtomLink {
  href: string;
  /** alternate (default), self, related… */
  rel?: string;
  type?: string;
}

export interface AtomEntry {
  /** A permanent IRI, e.g. `tag:tulna.example,2026:deal/12/345`: the same entry keeps its id. */
  id: string;
  title: string;
  updated: Date;
  /** The entry's web page (rel="alternate"). */
  link?: string;
  summary?: string;
  published?: Date;
}

export interface AtomFeed {
  id: string;
  title: string;
  /** Default: the newest entry's `updated`, else `fallbackUpdated`. */
  updated?: Date;
  /** Used when the feed has no entries and no `updated` (Atom requires one). */
  fallbackUpdated?: Date;
  subtitle?: string;
  /** Required by Atom unless every entry names one; the site's name. */
  author: string;
  links?: AtomLink[];
  entries: AtomEntry[];
}

export const ATOM_CONTENT_TYPE = 'application/atom+xml; charset=utf-8';

/**
 * Characters XML 1.0 forbids (C0 controls other than tab, LF and CR; lone surrogates; U+FFFE and
 * U+FFFF) — an escape cannot carry them, so they are dropped.
 */
const INVALID_XML = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripInvalidXmlChars(text: string): string {
  return text.replace(INVALID_XML, '');
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe inside an element or a quoted attribute. */
export function escapeXml(text: string): string {
  return stripInvalidXmlChars(text).replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

/** An RFC 3339 date-time as Atom wants it. */
function atomDate(date: Date): string {
  if (Number.isNaN(date.getTime())) throw new TypeError(`Atom: expected a valid date, found ${String(date)}`);
  return date.toISOString();
}

function link({ href, rel, type }: AtomLink): string {
  return `<link${rel ? ` rel="${escapeXml(rel)}"` : ''}${type ? ` type="${escapeXml(type)}"` : ''} href="${escapeXml(href)}"/>`;
}

function entry(e: AtomEntry): string {
  return [
    '  <entry>',
    `    <id>${escapeXml(e.id)}</id>`,
    `    <title type="text">${escapeXml(e.title)}</title>`,
    `    <updated>${atomDate(e.updated)}</updated>`,
    e.published ? `    <published>${atomDate(e.published)}</published>` : '',
    e.link ? `    ${link({ href: e.link, rel: 'alternate', type: 'text/html' })}` : '',
    e.summary !== undefined ? `    <summary type="text">${escapeXml(e.summary)}</summary>` : '',
    '  </entry>',
  ].filter(Boolean).join('\n');
}

/** The feed as an Atom 1.0 document. */
export function renderAtomFeed(feed: AtomFeed): string {
  const newest = feed.entries.reduce<Date | undefined>((max, e) => (!max || e.updated > max ? e.updated : max), undefined);
  const updated = feed.updated ?? newest ?? feed.fallbackUpdated;
  if (!updated) throw new TypeError('Atom: a feed needs an updated date (updated, an entry, or fallbackUpdated)');
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(feed.id)}</id>`,
    `  <title type="text">${escapeXml(feed.title)}</title>`,
    feed.subtitle ? `  <subtitle type="text">${escapeXml(feed.subtitle)}</subtitle>` : '',
    `  <updated>${atomDate(updated)}</updated>`,
    `  <author><name>${escapeXml(feed.author)}</name></author>`,
    ...(feed.links ?? []).map((l) => `  ${link(l)}`),
    ...feed.entries.map(entry),
    '</feed>',
    '',
  ].filter((line, i, all) => line !== '' || i === all.length - 1).join('\n');
}
