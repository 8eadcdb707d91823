// GET /api/products/<id>: a product with its offers, cheapest total first.
import type { APIRoute } from 'astro';
import { z } from 'zod';
import { getProductOffersData, toApiProduct } from '../../../features/product/product.server.ts';
import { CACHE, json, jsonError, parseId } from '../../../lib/http.ts';

const params = z.object({ id: z.string().transform((raw, ctx) => parseId(raw) ?? (ctx.addIssue({ code: 'custom', message: `expected a positive whole number, got ${JSON.stringify(raw.slice(0, 40))}` }), z.NEVER)) });

export const GET: APIRoute = async ({ params: raw }) => {
  const parsed = params.safeParse(raw);
  if (!parsed.success) {
    return jsonError(400, 'Invalid product id', parsed.error.issues.map((issue) => ({ path: 'id', message: issue.message })));
  }
  const data = await getProductOffersData(parsed.data.id);
  if (!data) return jsonError(404, `No product with id ${parsed.data.id}`);
  return json(toApiProduct(data), 200, CACHE.page);
};
