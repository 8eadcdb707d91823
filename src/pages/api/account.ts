// GET /api/account: whom an API token opens (its account and the token's id), so a client can check
// its token works. The middleware checked the Bearer token and counted the request against its limit.
import type { APIRoute } from 'astro';
import { CACHE, json, jsonError } from '../../lib/http.ts';

export const GET: APIRoute = ({ locals }) => {
  const { account, apiTokenId } = locals;
  // The middleware's check, once more: a route reached without it answers as if no token came.
  if (!account || apiTokenId === undefined) return jsonError(401, 'Send an API token: Authorization: Bearer tulna_…');
  return json({ account: { id: account.id, email: account.email, role: account.role }, token: { id: apiTokenId } }, 200, CACHE.none);
};
