// What the middleware asks of accounts: the session behind a request's cookie, the answers for a
// visitor without one, the CSRF check of a state-changing request, and the Bearer check of the API.
import type { AstroCookies } from 'astro';
import { verifyApiToken } from '../../../db/queries/accounts/api-tokens.ts';
import { resolveSession } from '../../../db/queries/accounts/sessions.ts';
import { siteKey } from '../../../db/queries/alerts/tokens.ts';
import { getDb } from '../../lib/context.server.ts';
import { retryAfterSeconds } from '../../lib/rate-limit.ts';
import { accountLimits } from './limits.ts';
import { clearSessionCookie, csrfMatches, csrfTokenFor, sessionSecretOf } from './session-cookie.ts';

export interface SessionContext {
  request: Request;
  cookies: AstroCookies;
  locals: App.Locals;
}

/**
 * Resolves the session cookie into locals.account and locals.csrfToken; returns the account, or
 * undefined (no cookie, or one whose session is gone: then the cookie is cleared).
 */
export async function attachSession({ request, cookies, locals }: SessionContext): Promise<App.Locals['account']> {
  const secret = sessionSecretOf(cookies);
  if (!secret) return undefined;
  const db = await getDb();
  const session = await resolveSession(db, secret);
  if (!session) {
    clearSessionCookie(cookies, request);
    return undefined;
  }
  locals.account = session.account;
  locals.csrfToken = csrfTokenFor(await siteKey(db), secret);
  return session.account;
}

function plain(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers } });
}

/** The login page's address that comes back to `url` afterwards. */
export function loginPath(url: URL): string {
  return `/account/login?next=${encodeURIComponent(url.pathname + url.search)}`;
}

/** A visitor without a session on a signed-in route: reads go to the login page (303), anything else is a 401. */
export function signInRequired(request: Request, url: URL): Response {
  const method = request.method.toUpperCase();
  if (method === 'GET' || method === 'HEAD') return new Response(null, { status: 303, headers: { Location: loginPath(url), 'Cache-Control': 'no-store' } });
  return plain(401, 'Log in first: this needs an account');
}

/** What a non-admin sees of an admin route: nothing there. */
export function notFound(headers: Record<string, string> = {}): Response {
  return plain(404, 'Not found', headers);
}

const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

/**
 * 403 unless a state-changing request carries the session's CSRF token: the X-CSRF-Token header,
 * or the `csrf` field of its form (read from a clone: the page still reads the body).
 */
export async function refuseWithoutCsrf(request: Request, expected: string | undefined): Promise<Response | null> {
  const refusal = () => plain(403, 'Forbidden: this form is out of date or was not sent from this site; reload the page and send it again');
  if (!expected) return refusal();
  if (csrfMatches(expected, request.headers.get('X-CSRF-Token'))) return null;
  if (!FORM_TYPES.test(request.headers.get('Content-Type') ?? '')) return refusal();
  const form = await request
    .clone()
    .formData()
    .catch(() => undefined);
  const given = form?.get('csrf');
  return csrfMatches(expected, typeof given === 'string' ? given : null) ? null : refusal();
}

function jsonAnswer(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: { status, message } }), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}

const BEARER = /^Bearer[ \t]+(\S{1,200})[ \t]*$/i;
const CHALLENGE = 'Bearer realm="Tulna API"';

/**
 * The Bearer check of an 'api-token' route: sets locals.account and locals.apiTokenId, or answers
 * 401 (no token, or a wrong, revoked or disabled one) or 429 (too many wrong tokens from this
 * address, or this token's requests per minute used up). Returns the RateLimit headers to add.
 */
export async function guardApiToken(request: Request, locals: App.Locals, clientAddress: string | undefined): Promise<{ refused: Response } | { headers: Record<string, string> }> {
  const { bearerGuesses, apiRequests } = accountLimits;
  const address = clientAddress ?? 'unknown';
  const locked = bearerGuesses.retryAfterMs(address);
  if (locked > 0) return { refused: jsonAnswer(429, 'Too many invalid tokens from your address: try again later', { 'Retry-After': retryAfterSeconds(locked) }) };
  const given = BEARER.exec(request.headers.get('Authorization') ?? '')?.[1];
  // No token at all is a client that did not know, not a guess.
  if (!given) return { refused: jsonAnswer(401, 'Send an API token: Authorization: Bearer tulna_…', { 'WWW-Authenticate': CHALLENGE }) };
  const verified = await verifyApiToken(await getDb(), given);
  if (!verified) {
    const lock = bearerGuesses.recordFailure(address);
    if (lock > 0) return { refused: jsonAnswer(429, 'Too many invalid tokens from your address: try again later', { 'Retry-After': retryAfterSeconds(lock) }) };
    return { refused: jsonAnswer(401, 'This API token is not valid (or was revoked)', { 'WWW-Authenticate': `${CHALLENGE}, error="invalid_token"` }) };
  }
  const rate = apiRequests.take(String(verified.tokenId));
  const headers = {
    'RateLimit-Limit': String(rate.limit),
    'RateLimit-Remaining': String(rate.remaining),
    'RateLimit-Reset': retryAfterSeconds(rate.resetMs),
  };
  if (!rate.allowed) return { refused: jsonAnswer(429, `At most ${rate.limit} requests a minute per token: try again later`, { ...headers, 'Retry-After': retryAfterSeconds(rate.resetMs) }) };
  locals.account = verified.account;
  locals.apiTokenId = verified.tokenId;
  return { headers };
}
