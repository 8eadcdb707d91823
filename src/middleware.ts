// Every request the site renders passes here, in this order: the admin gate (for admin routes),
// the route's methods (405), its body cap (413), no cross-site state change (403, in place of
// Astro's checkOrigin, see same-origin.ts); then security headers on every answer. All decisions
// key on the route the router matched (context.routePattern), never on how the path was spelled.
import { defineMiddleware } from 'astro:middleware';
import { ADMIN_HEADERS, adminConfigFromEnv, guardAdminRequest } from './lib/admin-auth.ts';
import { refuseBodyOverCap, refuseUnsupportedMethod } from './lib/request-limits.ts';
import { isAdminRoute, routePolicy } from './lib/route-policy.ts';
import { refuseCrossSiteRequest } from './lib/same-origin.ts';
import { securityHeaders } from './lib/security-headers.ts';

function clientAddressOf(context: { clientAddress: string }): string | undefined {
  try {
    return context.clientAddress;
  } catch {
    return undefined; // The adapter could not tell (never under the site server).
  }
}

export const onRequest = defineMiddleware(async (context, next) => {
  const policy = routePolicy(context.routePattern);
  const admin = isAdminRoute(context.routePattern, context.url.pathname);
  let refused: Response | null = null;
  if (admin) {
    refused = guardAdminRequest(context.request, adminConfigFromEnv(), { clientAddress: clientAddressOf(context) });
    if (refused === null) context.locals.adminGranted = true;
  }
  refused ??=
    refuseUnsupportedMethod(context.request, policy) ??
    refuseBodyOverCap(context.request, policy) ??
    (policy.crossSite ? null : refuseCrossSiteRequest(context.request));
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
