// Security headers on every response the site renders. Scraped text is untrusted: the CSP allows
// scripts from our origin only (no inline script), so an escaping slip cannot run code.
import { defineMiddleware } from 'astro:middleware';
import { securityHeaders } from './lib/security-headers.ts';

export const onRequest = defineMiddleware(async (context, next) => {
  const response = await next();
  const headers = securityHeaders(context.url.pathname, import.meta.env.MODE === 'development');
  if (response.headers.get('Content-Type') === 'text/html') headers['Content-Type'] = 'text/html; charset=utf-8';
  for (const [name, value] of Object.entries(headers)) {
    try {
      response.headers.set(name, value);
    } catch {
      // Redirect responses from Response.redirect() have immutable headers: rebuild them.
      const copy = new Response(response.body, response);
      for (const [n, v] of Object.entries(headers)) copy.headers.set(n, v);
      return copy;
    }
  }
  return response;
});
