// Retry timing: exponential backoff with full jitter, and the Retry-After header.
// Full jitter: sleep = random(0, min(cap, base * 2^attempt)),
// see https://aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter/

export function backoffDelayMs(retry: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** retry);
  return Math.floor(random() * ceiling);
}

/**
 * Milliseconds to wait according to a Retry-After value (delta-seconds or HTTP-date), or null
 * when the header is absent or unreadable. A date in the past means 0.
 */
export function parseRetryAfterMs(value: string | null | undefined, now: number = Date.now()): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '') return null;
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return null;
  return Math.max(0, date - now);
}
