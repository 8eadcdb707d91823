// Every request the site renders passes here, in this order: who it is (the session of 'account'
// and 'admin' routes: none → login page or 401, not an admin → 404), the route's methods (405), its
// body cap (413), no cross-site state change (403, in place of Astro's checkOrigin, see
// same-origin.ts), the CSRF token of a state change on a signed-in route (403), the Bearer token
// of 'api-token' routes (401, 429); then security headers on every answer. Public routes never
// look a session up. All decisions key on the route the router matched (context.routePattern),
// never on how the path was spelled; the admin area is also recognised by its path.
import { defineMiddleware } from 'astro:middleware';
import { attachSession, guardApiToken, notFound, refuseWithoutCsrf, signInRequired } from './features/accounts/door.server.ts';
import { ADMIN_HEADERS } from './lib/admin-auth.ts';
import { refuseBodyOverCap, refuseUnsupportedMethod } from './lib/request-limits.ts';
import { isAccountPage, isAdminRoute, routePolicy, type RouteAccess } from './lib/route-policy.ts';
import { isSafeMethod, refuseCrossSiteRequest } from './lib/same-origin.ts';
import { securityHeaders } from './lib/security-headers.ts';

function clientAddressOf(context: { clientAddress: string }): string | undefined {
  try {
    return context.clientAddress;
  } catch {
    return undefined; // The adapter could not tell (never under the site server).
  }
}

/** Answers of signed-in routes are this account's alone: no cache keeps them. */
const PRIVATE_HEADERS: Record<string, string> = { 'Cache-Control': 'private, no-store', 'X-Robots-Tag': 'noindex, nofollow' };

export const onRequest = defineMiddleware(async (context, next) => {
  const policy = routePolicy(context.routePattern);
  const admin = isAdminRoute(context.routePattern, context.url.pathname);
  const access: RouteAccess = admin ? 'admin' : policy.access;
  const signedInRoute = access === 'account' || access === 'admin';
  const accountPage = isAccountPage(context.routePattern);
  let refused: Response | null = null;
  let extraHeaders: Record<string, string> = {};

  if (signedInRoute || accountPage) {
    const account = await attachSession(context);
    if (signedInRoute && !account) refused = signInRequired(context.request, context.url);
    else if (access === 'admin' && account?.role !== 'admin') refused = notFound(ADMIN_HEADERS);
    else if (access === 'admin') context.locals.adminGranted = true;
  }
  refused ??=
    refuseUnsupportedMethod(context.request, policy) ??
    refuseBodyOverCap(context.request, policy) ??
    // Bearer requests are not sent by browsers on their own: no cross-site forgery to stop.
    (policy.crossSite || access === 'api-token' ? null : refuseCrossSiteRequest(context.request));
  if (refused === null && signedInRoute && !isSafeMethod(context.request.method)) {
    refused = await refuseWithoutCsrf(context.request, context.locals.csrfToken);
  }
  if (refused === null && access === 'api-token') {
    const guarded = await guardApiToken(context.request, context.locals, clientAddressOf(context));
    if ('refused' in guarded) refused = guarded.refused;
    else extraHeaders = guarded.headers;
  }

  const response = refused ?? (await next());
  const headers: Record<string, string> = {
    ...securityHeaders(context.url.pathname, import.meta.env.MODE === 'development'),
    ...extraHeaders,
  };
  // A page with a secret in its address (a reset link) keeps its stricter "same-origin". (Not
  // "no-referrer": under it browsers post the page's own forms with "Origin: null", refused above.)
  if (response.headers.get('Referrer-Policy') === 'same-origin') delete headers['Referrer-Policy'];
  if (admin) Object.assign(headers, ADMIN_HEADERS);
  else if (signedInRoute || accountPage || access === 'api-token') {
    if (!/no-store/.test(response.headers.get('Cache-Control') ?? '')) headers['Cache-Control'] = PRIVATE_HEADERS['Cache-Control'];
    headers['X-Robots-Tag'] = PRIVATE_HEADERS['X-Robots-Tag'];
  }
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
