// Unknown API paths answer JSON, not the HTML 404 page.
import type { APIRoute } from 'astro';
import { jsonError } from '../../lib/http.ts';

export const ALL: APIRoute = ({ url }) => jsonError(404, `No API endpoint at ${url.pathname.slice(0, 200)}`);
