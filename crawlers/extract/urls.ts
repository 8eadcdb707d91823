// URLs read from a page are made absolute: relative paths ("/img/1001.svg", "../a.jpg", "//cdn/x.jpg") are
// resolved against the page's <base href> when it has one, else against the page URL.

/** <base href="…"> (the first one; browsers ignore the others). */
const BASE = /<base\b(?:[^>"']|"[^"]*"|'[^']*')*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;

/** The URL relative links of the page resolve against: its <base href> (itself resolved) or the page URL. */
export function baseUrl(html: string, pageUrl: string): string {
  const head = html.length > 200_000 ? html.slice(0, 200_000) : html;
  const match = BASE.exec(head);
  const href = match ? (match[1] ?? match[2] ?? match[3]).trim() : '';
  if (!href) return pageUrl;
  try {
    return new URL(href.replace(/&amp;/g, '&'), pageUrl).href;
  } catch {
    return pageUrl;
  }
}

/** Longest URL kept (the listing contract's limit). */
const MAX_URL = 2_000;

/**
 * `value` resolved against `base`, or null when it is empty, cannot be resolved, is not an http(s) URL (a
 * data: placeholder, javascript:) or is too long to store.
 */
export function absoluteUrl(value: string | undefined, base: string): string | null {
  const text = value?.trim();
  if (!text || /^data:/i.test(text)) return null;
  let url: URL;
  try {
    url = URL.canParse(text) ? new URL(text) : new URL(text, base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  return url.href.length <= MAX_URL ? url.href : null;
}
