// GET /api/retailer/listings?store=&filter=&category=&q=&sort=&page=&per_page= with
// `Authorization: Bearer tulna_…`: the token's account's dashboard rows, paged (the middleware
// checked the token and rate-limits it; the store scope is checked here).
import type { APIRoute } from 'astro';
import { dashboardHref, parseDashboardParams } from '../../../features/retailers/dashboard-params.ts';
import { privateJson, parsePerPage, toApiRow, unknownStore } from '../../../features/retailers/retailer-api.ts';
import { signedIn } from '../../../features/retailers/retailer-access.ts';
import { dashboardRowsPage, scopeStoreIds } from '../../../features/retailers/retailer.server.ts';
import { json, jsonError } from '../../../lib/http.ts';

export const GET: APIRoute = async ({ locals, url }) => {
  const account = signedIn(locals);
  if (account instanceof Response) return privateJson(jsonError(401, 'An API token is required'));
  const parsed = parseDashboardParams(url.searchParams);
  const perPage = parsePerPage(url.searchParams.get('per_page'));
  if (!parsed.ok) return privateJson(jsonError(400, 'Invalid query', parsed.issues));
  if (perPage === null) return privateJson(jsonError(400, 'Invalid query', [{ path: 'per_page', message: 'expected 1 to 200' }]));
  const storeIds = await scopeStoreIds(account, parsed.params.store);
  if (storeIds === null) return unknownStore();
  const page = await dashboardRowsPage(account, storeIds, parsed.params, perPage);
  const pages = Math.max(1, Math.ceil(page.total / perPage));
  const link = (n: number) => {
    const href = dashboardHref(parsed.params, { page: n }, '/api/retailer/listings');
    return perPage === 100 ? href : `${href}${href.includes('?') ? '&' : '?'}per_page=${perPage}`;
  };
  return privateJson(
    json({
      page: parsed.params.page,
      per_page: perPage,
      total: page.total,
      pages,
      counts: page.counts,
      next: parsed.params.page < pages ? link(parsed.params.page + 1) : null,
      listings: page.rows.map(toApiRow),
    }),
  );
};
