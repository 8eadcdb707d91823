// GET /api/search?q=…: the search page's results as JSON.
import type { APIRoute } from 'astro';
import { parseSearchParams } from '../../features/search/search-params.ts';
import { isSearchQueryError, searchCatalog, toApiSearchResponse } from '../../features/search/search.server.ts';
import { json, jsonError } from '../../lib/http.ts';

export const GET: APIRoute = async ({ url }) => {
  const parsed = parseSearchParams(url);
  if (!parsed.ok) return jsonError(400, 'Invalid search parameters', parsed.issues);
  try {
    return json(toApiSearchResponse(await searchCatalog(parsed.query)));
  } catch (error) {
    if (isSearchQueryError(error)) return jsonError(400, `Invalid search: ${error.message}`);
    throw error;
  }
};
