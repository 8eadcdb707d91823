// The admin area: the pages of accounts with role admin. Who may enter is decided in the
// middleware (src/middleware.ts: a session of role admin; everyone else gets a 404), on the route
// the router matched and, for paths no route has, on the path however it is spelled
// (isAdminRoute in route-policy.ts). The administrator is an ordinary account: `tulna start` makes
// it from TULNA_ADMIN_EMAIL and TULNA_ADMIN_PASSWORD, or `tulna account create --role admin`.

/** Headers every admin answer carries: never cached, never indexed. */
export const ADMIN_HEADERS: Record<string, string> = {
  'Cache-Control': 'no-store',
  'X-Robots-Tag': 'noindex, nofollow',
};
