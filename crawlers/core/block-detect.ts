// Tells a bot block (captcha, JavaScript challenge, WAF "Access Denied") from a plain error page.
// Pure: status and body text in, the marker found (or null) out.

/** Markers that only challenge pages carry. */
const CHALLENGE_MARKERS: RegExp[] = [
  /captcha/i,
  /cf-challenge|cf_chl_|challenge-platform|cf-browser-verification/i,
  /access denied/i,
  /are you (?:a )?(?:human|robot)/i,
  /verify (?:that )?you are (?:a )?human/i,
  /robot check/i,
  /unusual traffic/i,
  /px-captcha|perimeterx|_incapsula_resource|distil_r_captcha|datadome/i,
  /just a moment\.\.\./i,
  /attention required/i,
];

/** A 200 page is a wall only when its title says so, or it is small, has no product data and shows a marker. */
const WALL_TITLES = /<title[^>]*>[^<]*(captcha|robot check|access denied|attention required|just a moment|are you a (?:human|robot)|verify you are human|security check|pardon our interruption)[^<]*<\/title>/i;
const SMALL_PAGE_CHARS = 64 * 1024;
const PRODUCT_DATA = /"@type"\s*:\s*"Product"|itemtype\s*=\s*["']https?:\/\/schema\.org\/Product/i;

function findMarker(body: string): string | null {
  for (const marker of CHALLENGE_MARKERS) {
    const match = marker.exec(body);
    if (match) return match[0];
  }
  return null;
}

/** The marker that makes this response a bot block, or null for an ordinary response. */
export function detectBlock(status: number, body: string): string | null {
  if (status === 403 || status === 503 || status === 429 || status === 401) {
    return findMarker(body.slice(0, SMALL_PAGE_CHARS * 4));
  }
  if (status >= 200 && status < 300) {
    const title = WALL_TITLES.exec(body);
    if (title) return title[1];
    if (body.length <= SMALL_PAGE_CHARS && !PRODUCT_DATA.test(body)) {
      // Product pages may embed a reCAPTCHA widget (reviews, login): those carry product data and pass.
      return findMarker(body);
    }
  }
  return null;
}
