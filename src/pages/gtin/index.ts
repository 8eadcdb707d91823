// The typed-barcode form (GET /gtin?code=…) lands here and goes on to /gtin/<code>.
import type { APIRoute } from 'astro';

export const GET: APIRoute = ({ url, redirect }) => {
  const code = (url.searchParams.get('code') ?? '').replace(/[\s-]/g, '').slice(0, 64);
  return redirect(code ? `/gtin/${encodeURIComponent(code)}` : '/scan', 303);
};
