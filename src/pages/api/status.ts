// GET /api/status: each store's freshness as JSON (what `tulna status` asks while `tulna start` owns the database).
import type { APIRoute } from 'astro';
import { getStatus } from '../../features/status/status.server.ts';
import { CACHE, json } from '../../lib/http.ts';

export const GET: APIRoute = async () => json(await getStatus(), 200, CACHE.none);
