// GET /deals/feed?…: the deals page (same filters) as an Atom 1.0 feed.
import type { APIRoute } from 'astro';
import { renderDealFeed } from '../../features/deals/deal-feed.ts';
import { dealsHref, parseDealParams } from '../../features/deals/deal-params.ts';
import { getDealsPage } from '../../features/deals/deals.server.ts';
import { ATOM_CONTENT_TYPE } from '../../lib/atom.ts';
import { CACHE } from '../../lib/http.ts';
import { siteOrigin } from '../../lib/site-origin.ts';

export const GET: APIRoute = async ({ url, request }) => {
  const parsed = parseDealParams(url);
  if (!parsed.ok) {
    const message = parsed.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
    return new Response(`Invalid deal filters: ${message}\n`, {
      status: 400,
      headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': CACHE.notFound },
    });
  }
  const { result } = await getDealsPage(parsed.options, false);
  const body = renderDealFeed({
    deals: result.deals,
    origin: siteOrigin(request),
    selfPath: dealsHref(parsed.params, {}, '/deals/feed'),
    pagePath: dealsHref(parsed.params),
    now: new Date(),
  });
  return new Response(body, { headers: { 'Content-Type': ATOM_CONTENT_TYPE, 'Cache-Control': CACHE.listing } });
};
