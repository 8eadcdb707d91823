// The admin pages' gate, for every /admin path: off (404) unless TULNA_ADMIN_PASSWORD is set, then
// HTTP Basic auth as user "admin", and state-changing requests only from our own origin (CSRF).
import { createHash, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { refuseCrossSiteRequest } from './same-origin.ts';

export const ADMIN_USER = 'admin';

/** Headers every admin answer carries: never cached, never indexed. */
export const ADMIN_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex, nofollow',
};

const envSchema = z.object({
  TULNA_ADMIN_PASSWORD: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.string().min(12, 'expected at least 12 characters (or unset it to turn the admin pages off)').optional(),
  ),
});

export interface AdminConfig {
  /** The password of user "admin"; undefined = admin pages off. */
  password?: string;
}

/** The admin configuration from the environment; throws on a password too short to be one. */
export function adminConfigFromEnv(env: NodeJS.ProcessEnv = process.env): AdminConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Invalid admin configuration (${issue.path.join('.')}): ${issue.message}`, { cause: parsed.error });
  }
  return { password: parsed.data.TULNA_ADMIN_PASSWORD };
}

export function isAdminPath(pathname: string): boolean {
  return pathname === '/admin' || pathname.startsWith('/admin/');
}

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** Constant-time: compares fixed-length hashes, and checks user and password both, always. */
function credentialsMatch(header: string | null, password: string): boolean {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header ?? '');
  const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const colon = decoded.indexOf(':');
  const user = colon >= 0 ? decoded.slice(0, colon) : '';
  const given = colon >= 0 ? decoded.slice(colon + 1) : '';
  const userOk = timingSafeEqual(digest(user), digest(ADMIN_USER));
  const passwordOk = timingSafeEqual(digest(given), digest(password));
  return Boolean(match) && userOk && passwordOk;
}

function plain(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(`${message}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', ...ADMIN_HEADERS, ...headers },
  });
}

/**
 * Checks a request to an admin path. Returns the answer that ends it (404 admin off, 401 no or bad
 * credentials, 403 cross-site state change), or null when the page may run.
 */
export function guardAdminRequest(request: Request, config: AdminConfig): Response | null {
  if (!config.password) return plain(404, 'Not found');
  if (!credentialsMatch(request.headers.get('Authorization'), config.password)) {
    return plain(401, 'Authentication required', { 'WWW-Authenticate': 'Basic realm="Tulna admin", charset="UTF-8"' });
  }
  return refuseCrossSiteRequest(request, ADMIN_HEADERS);
}
