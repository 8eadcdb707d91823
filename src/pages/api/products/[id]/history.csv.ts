// GET /api/products/<id>/history.csv?range=30|90|all: the confirmed readings of the product's
// listings in the range, one row each, as a download.
import type { APIRoute } from 'astro';
import { parseHistoryRequest, toHistoryCsv } from '../../../../features/history/history.ts';
import { getProductHistoryRecord } from '../../../../features/history/history.server.ts';
import { CACHE, jsonError } from '../../../../lib/http.ts';

export const GET: APIRoute = async ({ params, url }) => {
  const request = parseHistoryRequest(params.id, url.searchParams);
  if (!request.ok) return jsonError(400, request.message, request.issues);
  const record = await getProductHistoryRecord(request.id, request.range);
  if (!record) return jsonError(404, `No product with id ${request.id}`);
  return new Response(toHistoryCsv(record.observations, record.since), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="product-${request.id}-prices-${request.range}.csv"`,
      'Cache-Control': CACHE.page,
    },
  });
};
