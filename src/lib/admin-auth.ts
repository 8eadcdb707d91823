// The admin pages' gate, for every admin route: off (404) unless TULNA_ADMIN_PASSWORD is set, then
// HTTP Basic auth as user "admin", failed guesses limited per client address and per account
// (429 with Retry-After), and state-changing requests only from our own origin (CSRF).
import { createHash, timingSafeEqual } from 'node:crypto';
import { environmentSection, type EnvironmentSource } from '../../config/environment.ts';
import { createFailureLimiter, retryAfterSeconds, type FailureLimiter } from './rate-limit.ts';
import { refuseCrossSiteRequest } from './same-origin.ts';

export const ADMIN_USER = 'admin';

/** Headers every admin answer carries: never cached, never indexed. */
export const ADMIN_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex, nofollow',
};

export interface AdminConfig {
  /** The password of user "admin"; undefined = admin pages off. */
  password?: string;
}

/**
 * The admin configuration from the environment (process.env unless given); throws on a password
 * too short to be one. The rule itself lives in config/environment.ts, shared with `tulna start`.
 */
export function adminConfigFromEnv(env?: EnvironmentSource): AdminConfig {
  return { password: environmentSection('admin', env).TULNA_ADMIN_PASSWORD };
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

interface BasicCredentials {
  user: string;
  password: string;
}

/** The user and password of a Basic Authorization header, or null when there are none. */
function basicCredentials(header: string | null): BasicCredentials | null {
  const match = /^Basic\s+([A-Za-z0-9+/=]{1,4096})\s*$/i.exec(header ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return { user: colon >= 0 ? decoded.slice(0, colon) : decoded, password: colon >= 0 ? decoded.slice(colon + 1) : '' };
}

/** Constant-time: compares fixed-length hashes, and checks user and password both, always. */
function credentialsMatch(given: BasicCredentials, password: string): boolean {
  const userOk = timingSafeEqual(digest(given.user), digest(ADMIN_USER));
  const passwordOk = timingSafeEqual(digest(given.password), digest(password));
  return userOk && passwordOk;
}

/** Failed logins counted per client address and per account name. */
export interface LoginLimiter {
  byAddress: FailureLimiter;
  byAccount: FailureLimiter;
}

/**
 * 5 wrong guesses per address in 15 minutes, then a lock of 1 minute that doubles with each lock
 * (up to an hour); 20 per account from all addresses together, then 1 minute doubling to 15. An
 * account lock stops a guesser spread over many addresses, and lasts little enough that it does
 * not shut the admin out for long.
 */
export function createLoginLimiter(now?: () => number): LoginLimiter {
  const minute = 60_000;
  return {
    byAddress: createFailureLimiter({ maxFailures: 5, windowMs: 15 * minute, lockMs: minute, maxLockMs: 60 * minute, now }),
    byAccount: createFailureLimiter({ maxFailures: 20, windowMs: 15 * minute, lockMs: minute, maxLockMs: 15 * minute, now }),
  };
}

/**
 * The process's limiter for the admin login, kept on globalThis: the built site bundle and the
 * process that serves it (or a test) must count in one place.
 */
const LIMITER_KEY = Symbol.for('tulna.adminLoginLimiter');
export const adminLoginLimiter: LoginLimiter = ((globalThis as Record<symbol, unknown>)[LIMITER_KEY] ??= createLoginLimiter()) as LoginLimiter;

export interface AdminRequestContext {
  /** The client's address (the socket's, or the trusted proxy's record of it). */
  clientAddress?: string;
  limiter?: LoginLimiter;
}

function plain(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ...ADMIN_HEADERS, ...headers },
  });
}

function tooManyAttempts(retryMs: number): Response {
  return plain(429, 'Too many failed login attempts: try again later', { 'Retry-After': retryAfterSeconds(retryMs) });
}

/**
 * Checks a request to an admin route. Returns the answer that ends it (404 admin off, 401 no or bad
 * credentials, 429 too many failed guesses, 403 cross-site state change), or null when the page may run.
 */
export function guardAdminRequest(request: Request, config: AdminConfig, context: AdminRequestContext = {}): Response | null {
  if (!config.password) return plain(404, 'Not found');
  const { limiter = adminLoginLimiter } = context;
  const addressKey = context.clientAddress ?? 'unknown';
  const challenge = () => plain(401, 'Authentication required', { 'WWW-Authenticate': 'Basic realm="Tulna admin", charset="UTF-8"' });
  const given = basicCredentials(request.headers.get('Authorization'));
  // No credentials is the browser's first knock, not a guess.
  if (given === null) return challenge();
  // A locked-out address or account is refused before its guess is judged, right or wrong.
  const locked = Math.max(limiter.byAddress.retryAfterMs(addressKey), limiter.byAccount.retryAfterMs(given.user));
  if (locked > 0) return tooManyAttempts(locked);
  if (!credentialsMatch(given, config.password)) {
    const lock = Math.max(limiter.byAddress.recordFailure(addressKey), limiter.byAccount.recordFailure(given.user));
    return lock > 0 ? tooManyAttempts(lock) : challenge();
  }
  limiter.byAddress.recordSuccess(addressKey);
  limiter.byAccount.recordSuccess(given.user);
  return refuseCrossSiteRequest(request, ADMIN_HEADERS);
}
