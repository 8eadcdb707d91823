// GET /api/gtin/<code>: the product carrying this barcode, or a 404.
import type { APIRoute } from 'astro';
import { z } from 'zod';
import { lookUpGtin } from '../../../features/gtin/gtin.server.ts';
import { getProductOffersData, toApiProduct } from '../../../features/product/product.server.ts';
import { CACHE, json, jsonError } from '../../../lib/http.ts';

const params = z.object({ code: z.string().min(1).max(64, 'a barcode has at most 14 digits') });

export const GET: APIRoute = async ({ params: raw }) => {
  const parsed = params.safeParse(raw);
  if (!parsed.success) {
    return jsonError(400, 'Invalid barcode', parsed.error.issues.map((issue) => ({ path: 'code', message: issue.message })));
  }
  const found = await lookUpGtin(parsed.data.code);
  if (found.kind === 'invalid') return jsonError(400, `Invalid barcode: ${found.reason}`, [{ path: 'code', message: found.reason }]);
  if (found.kind === 'unknown') return jsonError(404, `No product known with barcode ${found.gtin14}`);
  const data = await getProductOffersData(found.productId);
  if (!data) return jsonError(404, `No product known with barcode ${found.gtin14}`);
  return json({ ...toApiProduct(data), gtin: found.gtin14 }, 200, CACHE.page);
};
