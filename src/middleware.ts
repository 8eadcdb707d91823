// Security headers on every response the site renders. Scraped text is untrusted: the CSP allows
// scripts from our origin only (no inline script), so an escaping slip cannot run code.
import { defineMiddleware } from 'astro:middleware';
import { ADMIN_HEADERS, adminConfigFromEnv, guardAdminRequest, isAdminPath } from './lib/admin-auth.ts';
import { refuseCrossSiteRequest } from './lib/same-origin.ts';
import { securityHeaders } from './lib/security-headers.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  // Admin pages: 404 unless a password is configured, Basic auth, same-origin POSTs, no-store.
  // Elsewhere: no cross-site state change (this replaces Astro's checkOrigin, see same-origin.ts).
  const admin = isAdminPath(context.url.pathname);
  const refused = admin ? guardAdminRequest(context.request, adminConfigFromEnv(process.env)) : refuseCrossSiteRequest(context.request);
  const response = refused ?? (await next());
  const headers: Record<string, string> = {
    ...securityHeaders(context.url.pathname, import.meta.env.MODE === 'development'),
    ...(admin ? ADMIN_HEADERS : {}),
  };
  if (response.headers.get('Content-Type') === 'text/html') headers['Content-Type'] = 'text/html; charset=utf-8';
  for (const [name, value] of Object.entries(headers)) {
    try {
      response.headers.set(name, value);
    } catch {
      // Redirect responses from Response.redirect() have immutable headers: rebuild them.
      const copy = new Response(response.body, response);
      for (const [n, v] of Object.entries(headers)) copy.headers.set(n, v);
      return copy;
    }
  }
  return response;
});
