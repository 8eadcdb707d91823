// Response helpers shared by routes: cache policies by kind of page, and JSON errors that say what failed.

/** Cache-Control per kind of response. Prices move, so HTML is short-lived and revalidated. */
export const CACHE = {
  /** Home, search results, API search: a minute fresh, then served stale while refreshed. */
  listing: 'public, max-age=60, stale-while-revalidate=300',
  /** Product and store pages. */
  page: 'public, max-age=120, stale-while-revalidate=600',
  /** Static pages with no data (scan). */
  static: 'public, max-age=3600',
  /** 4xx answers: short, so a product that appears soon is found. */
  notFound: 'public, max-age=30',
  none: 'no-store',
} as const;

export function json(body: unknown, status = 200, cacheControl: string = CACHE.listing): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': cacheControl },
  });
}

/** `{ "error": { "status", "message", "issues"? } }` with a 4xx/5xx status. */
export function jsonError(status: number, message: string, issues?: { path: string; message: string }[]): Response {
  return json({ error: { status, message, ...(issues ? { issues } : {}) } }, status, status >= 500 ? CACHE.none : CACHE.notFound);
}

/** Product ids in paths: positive safe integers only ("12", not "12.0", "1e3" or "-1"). */
export function parseId(raw: string | undefined): number | null {
  if (!raw || !/^[1-9]\d{0,15}$/.test(raw)) return null;
  const id = Number(raw);
  return Number.isSafeInteger(id) ? id : null;
}
