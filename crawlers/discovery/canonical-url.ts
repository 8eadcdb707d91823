// One spelling per page: absolute http(s), no fragment, no tracking parameters. Nothing else is
// touched (parameter order and encoding stay as the store wrote them: they may matter to it).

const TRACKING_PARAM = /^(?:utm_[a-z0-9_]*|gclid|gclsrc|dclid|gbraid|wbraid|fbclid|msclkid|mc_cid|mc_eid|yclid|igshid|twclid|ttclid|srsltid|_ga|_gl)$/i;

function decodeKey(raw: string): string {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/** True for query parameters that only track a visit (utm_*, gclid, fbclid, …). */
export function isTrackingParam(name: string): boolean {
  return TRACKING_PARAM.test(name);
}

/**
 * The canonical form of `href` (resolved against `base`), or null for anything that is not an
 * http(s) URL (mailto:, javascript:, unparsable).
 */
export function canonicaliseUrl(href: string, base?: string | URL): string | null {
  let url: URL;
  try {
    url = new URL(href.trim(), base);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  url.hash = '';
  if (url.search) {
    const kept = url.search
      .slice(1)
      .split('&')
      .filter((pair) => pair !== '' && !isTrackingParam(decodeKey(pair.split('=', 1)[0])));
    url.search = kept.length > 0 ? `?${kept.join('&')}` : '';
  }
  return url.href;
}
