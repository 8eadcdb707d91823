// The session cookie and the CSRF token derived from it. The cookie: tulna_session, HttpOnly,
// SameSite=Lax, Path=/, Max-Age of the session, and Secure unless the request is plain http to a
// loopback host (local development); behind https, or with an https TULNA_PUBLIC_URL, always Secure.
// The CSRF token: HMAC-SHA256 of the session secret under the site key, so nothing is stored and
// it changes with every login.
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { AstroCookies, AstroCookieSetOptions } from 'astro';
import { environmentSection } from '../../../config/environment.ts';
import { SESSION_LIFETIME_MS } from '../../../db/queries/accounts/sessions.ts';

export const SESSION_COOKIE = 'tulna_session';

const LOOPBACK_HOST = /^(localhost|[a-z0-9-]+\.localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?$/i;

/** True for plain http to 127.0.0.1, [::1] or localhost, with nothing saying the public site is https. */
export function isPlainLoopbackRequest(request: Request): boolean {
  const headers = request.headers;
  if (new URL(request.url).protocol !== 'http:') return false;
  // Behind a trusted proxy (cli/request-door.ts drops these headers otherwise).
  if (/^\s*https\b/i.test(headers.get('X-Forwarded-Proto') ?? '')) return false;
  const forwardedHost = headers.get('X-Forwarded-Host')?.split(',')[0]?.trim();
  if (forwardedHost && !LOOPBACK_HOST.test(forwardedHost)) return false;
  let publicUrl: string | undefined;
  try {
    publicUrl = environmentSection('alerts').TULNA_PUBLIC_URL;
  } catch {
    // A mistake in the alerts settings is reported there; judge by the request alone.
  }
  if (publicUrl?.startsWith('https:')) return false;
  return LOOPBACK_HOST.test(headers.get('Host') ?? '');
}

export function sessionCookieOptions(request: Request, maxAgeMs = SESSION_LIFETIME_MS): AstroCookieSetOptions {
  return { httpOnly: true, sameSite: 'lax', path: '/', maxAge: Math.floor(maxAgeMs / 1000), secure: !isPlainLoopbackRequest(request) };
}

/** Sets the session cookie on the answer (after a login or a sign-up). */
export function setSessionCookie(cookies: AstroCookies, request: Request, secret: string): void {
  cookies.set(SESSION_COOKIE, secret, sessionCookieOptions(request));
}

/** Clears it (logout, or a cookie whose session is gone). */
export function clearSessionCookie(cookies: AstroCookies, request: Request): void {
  cookies.set(SESSION_COOKIE, '', { ...sessionCookieOptions(request), maxAge: 0, expires: new Date(0) });
}

export function sessionSecretOf(cookies: AstroCookies): string | undefined {
  return cookies.get(SESSION_COOKIE)?.value || undefined;
}

export function csrfTokenFor(siteKey: string, sessionSecret: string): string {
  return createHmac('sha256', siteKey).update(`csrf:${sessionSecret}`).digest('base64url');
}

/** Constant-time comparison of the expected token with the one sent. */
export function csrfMatches(expected: string, given: string | null | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}
