// The admin pages' own check, behind the middleware's gate: should a route ever be reached without
// passing it (a new spelling, a new route, a middleware slip), the page still answers 404.

export function adminOnly(locals: App.Locals): Response | null {
  if (locals.adminGranted === true) return null;
  return new Response('Not found\n', {
    status: 404,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', 'X-Robots-Tag': 'noindex, nofollow' },
  });
}
