// What each route accepts, keyed by the route the router matched (context.routePattern), never by
// the spelling of the path: the methods it answers, the body it may read, and who may reach it.
// test/security walks src/pages and fails when a route has no entry here.

/**
 * public: anyone (no session is looked up: no database hit for it); account: a logged-in account
 * (session cookie; state changes carry the CSRF token); admin: an account of role admin (others get
 * 404); api-token: `Authorization: Bearer tulna_…` (JSON), limited per token.
 */
export type RouteAccess = 'public' | 'account' | 'admin' | 'api-token';

export interface RoutePolicy {
  /** Methods the route answers; every other one gets 405 with this list in `Allow`. */
  methods: readonly string[];
  /** The largest body the route reads (0: it reads none, any body is refused with 413). */
  maxBodyBytes: number;
  access: RouteAccess;
  /** Errors answer JSON (under /api/) rather than text. */
  json: boolean;
  /**
   * State-changing requests may come from other sites: only where an unguessable token in the path
   * is the authority and the action can only stop something (RFC 8058 one-click unsubscribe).
   */
  crossSite?: boolean;
}

const READ = ['GET', 'HEAD'] as const;
/** A form of a few fields: ids, an action, a short text. */
export const FORM_BODY_BYTES = 8 * 1024;

/** For the not-found answers: whatever was asked of a path that does not exist, it does not exist. */
const ANY_METHOD = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

const page: RoutePolicy = { methods: READ, maxBodyBytes: 0, access: 'public', json: false };
const api: RoutePolicy = { methods: READ, maxBodyBytes: 0, access: 'public', json: true };
/** A page with a small form: read it, post it. */
const formPage: RoutePolicy = { ...page, methods: ['GET', 'HEAD', 'POST'], maxBodyBytes: FORM_BODY_BYTES };
const accountPage: RoutePolicy = { ...page, access: 'account' };
const accountForm: RoutePolicy = { ...formPage, access: 'account' };

export const ROUTE_POLICIES: Readonly<Record<string, RoutePolicy>> = {
  '/': page,
  '/search': page,
  '/deals': page,
  '/deals/feed': page,
  '/scan': page,
  '/p/[id]': page,
  '/stores/[id]': page,
  '/gtin': page,
  '/gtin/[code]': page,
  // The not-found page answers whatever was asked: a POST to nowhere is a 404, not a 405.
  '/404': { ...page, methods: ANY_METHOD, maxBodyBytes: FORM_BODY_BYTES },
  '/api/search': api,
  '/api/products/[id]': api,
  '/api/products/[id]/history': api,
  '/api/products/[id]/history.csv': api,
  '/api/gtin/[code]': api,
  '/api/[...rest]': { ...api, methods: ANY_METHOD, maxBodyBytes: FORM_BODY_BYTES },
  // Deal alerts: sign-up from a product page, then links from mail, each carrying its token.
  '/alerts/follow': { ...page, methods: ['POST'], maxBodyBytes: FORM_BODY_BYTES },
  '/alerts/confirm/[token]': { ...page, methods: ['GET', 'HEAD', 'POST'], maxBodyBytes: FORM_BODY_BYTES },
  '/alerts/unsubscribe/[token]': { ...page, methods: ['GET', 'HEAD', 'POST'], maxBodyBytes: FORM_BODY_BYTES, crossSite: true },
  '/alerts/manage/[token]': page,
  '/alerts/feed/[token]': page,
  '/outbox': page,
  // How fresh each store's readings are: public, counts and times only (no errors, no URLs).
  '/status': page,
  '/api/status': api,
  // Accounts: sign-up, login and reset are public (no session yet); logging out needs one.
  '/account/signup': formPage,
  '/account/login': formPage,
  '/account/reset': formPage,
  '/account/reset/[token]': formPage,
  '/account/verify/[token]': formPage,
  '/account/logout': { ...accountForm, methods: ['POST'] },
  // The retailer's dashboard: their own account only (the pages scope every query to it).
  '/retailer': accountPage,
  '/retailer/listings/[id]': accountForm,
  '/retailer/export.csv': accountPage,
  '/retailer/stores': accountForm,
  '/retailer/settings': accountForm,
  '/retailer/tokens': accountForm,
  '/api/retailer/listings': { ...api, access: 'api-token' },
  '/api/retailer/price-index': { ...api, access: 'api-token' },
  '/api/account': { ...api, access: 'api-token' },
  '/admin': { ...page, access: 'admin' },
  '/admin/products/[id]': { ...formPage, access: 'admin' },
  '/admin/claims': { ...formPage, access: 'admin' },
};

/** A route missing from the table is read-only and public, and still guarded by its path (admin). */
const FALLBACK: RoutePolicy = page;

export function routePolicy(routePattern: string | undefined): RoutePolicy {
  return (routePattern !== undefined && ROUTE_POLICIES[routePattern]) || FALLBACK;
}

/**
 * The path as the router reads it, for access checks that must not depend on its spelling:
 * decoded, backslashes as slashes, repeated slashes and dot segments gone, lower case.
 */
export function routerPath(pathname: string): string {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // A malformed escape: the router keeps it as it is too.
  }
  let path = decoded.replace(/\\/g, '/').replace(/\/{2,}/g, '/');
  try {
    path = new URL(`http://route.invalid${path}`).pathname;
  } catch {
    // Not a path a URL can hold: judged as written.
  }
  return path.replace(/\/{2,}/g, '/').toLowerCase();
}

/** True for the admin area, whichever way its path is spelled. */
export function isAdminRoute(routePattern: string | undefined, pathname: string): boolean {
  if (routePolicy(routePattern).access === 'admin') return true;
  const path = routerPath(pathname);
  return path === '/admin' || path.startsWith('/admin/');
}

/** The /account pages: public (no session yet), but they look one up when a cookie is sent (the login page says who is logged in). */
export function isAccountPage(routePattern: string | undefined): boolean {
  return routePattern !== undefined && routePattern.startsWith('/account/');
}
