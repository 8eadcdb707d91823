// GET /api/retailer/price-index?store=&days= with a Bearer token: the account's price index now,
// overall and per category, and its daily history.
import type { APIRoute } from 'astro';
import { privateJson, unknownStore } from '../../../features/retailers/retailer-api.ts';
import { signedIn } from '../../../features/retailers/retailer-access.ts';
import { priceIndexData, scopeStoreIds } from '../../../features/retailers/retailer.server.ts';
import { json, jsonError } from '../../../lib/http.ts';

export const GET: APIRoute = async ({ locals, url }) => {
  const account = signedIn(locals);
  if (account instanceof Response) return privateJson(jsonError(401, 'An API token is required'));
  const rawStore = url.searchParams.get('store');
  const rawDays = url.searchParams.get('days') ?? '90';
  if (rawStore !== null && (rawStore.length === 0 || rawStore.length > 100)) return privateJson(jsonError(400, 'Invalid query', [{ path: 'store', message: 'expected a store id' }]));
  if (!/^\d{1,3}$/.test(rawDays) || Number(rawDays) < 1 || Number(rawDays) > 365) {
    return privateJson(jsonError(400, 'Invalid query', [{ path: 'days', message: 'expected 1 to 365' }]));
  }
  const storeIds = await scopeStoreIds(account, rawStore ?? undefined);
  if (storeIds === null) return unknownStore();
  const { index, history } = await priceIndexData(storeIds, Number(rawDays));
  return privateJson(json({ stores: storeIds, overall: index.overall, categories: index.categories, history }));
};
