// A fetched page split into what platform fingerprints may read: tags with their attributes, inline
// script code, headers, cookie names and generator tags. The text between tags is left out on
// purpose: a blog post saying "we moved off Shopify" must not make a Shopify shop. Pure.
import { parseAttributes, scanHtml } from '../extract/html-scan.ts';
import type { PageParts } from './types.ts';

/** Only the start of a huge page is read: platform markers sit in the head and the first scripts. */
export const MAX_SCANNED_HTML = 3_000_000;
const MAX_SCRIPT = 200_000;

/** Cookie names from Set-Cookie (the fetcher joins several headers with ", "). */
export function cookieNames(setCookie: string | undefined): string[] {
  if (!setCookie) return [];
  const names = new Set<string>();
  // A new cookie starts the header or follows ", " — Expires dates ("Wed, 09 Jun") have no "=" right after a word.
  for (const match of setCookie.matchAll(/(?:^|,\s*)([!#$%&'*+\-.^_`|~0-9A-Za-z]+)=/g)) names.add(match[1]);
  return [...names];
}

export function pageParts(html: string, headers: Readonly<Record<string, string>> = {}): PageParts {
  const markup: string[] = [];
  const scripts: string[] = [];
  const generators: string[] = [];
  scanHtml(html.length > MAX_SCANNED_HTML ? html.slice(0, MAX_SCANNED_HTML) : html, {
    open(name, attrs) {
      markup.push(`<${name}${attrs}>`);
      if (name === 'meta' && /generator/i.test(attrs)) {
        const parsed = parseAttributes(attrs);
        if (parsed.name?.toLowerCase() === 'generator' && parsed.content) generators.push(parsed.content.trim());
      }
    },
    raw(name, attrs, content) {
      if (name !== 'script' || /application\/ld\+json/i.test(attrs)) return;
      scripts.push(content.length > MAX_SCRIPT ? content.slice(0, MAX_SCRIPT) : content);
    },
  });
  const headerLines = Object.entries(headers).map(([name, value]) => `${name.toLowerCase()}: ${value}`);
  return {
    markup: markup.join('\n'),
    scripts: scripts.join('\n'),
    headers: headerLines.join('\n'),
    cookies: cookieNames(headers['set-cookie']),
    generators,
  };
}
