// GET /api/products/<id>/history?range=30|90|all: the lowest total and each store's over time, and
// the verdict on the price now, from confirmed readings only.
import type { APIRoute } from 'astro';
import { parseHistoryRequest, toApiHistory } from '../../../../features/history/history.ts';
import { getProductPageData } from '../../../../features/product/product.server.ts';
import { CACHE, json, jsonError } from '../../../../lib/http.ts';

export const GET: APIRoute = async ({ params, url }) => {
  const request = parseHistoryRequest(params.id, url.searchParams);
  if (!request.ok) return jsonError(400, request.message, request.issues);
  const data = await getProductPageData(request.id, new Date(), request.range);
  if (!data) return jsonError(404, `No product with id ${request.id}`);
  return json(toApiHistory(request.id, data.history), 200, CACHE.page);
};
