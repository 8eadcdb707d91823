// CSRF: a request that changes state (POST, PUT, DELETE…) must say it comes from this site. The
// browser's Origin header must name the host the request was sent to (the Host header: Astro's
// own request URL says "localhost" unless security.allowedDomains lists the site's domains, so
// its built-in origin check is off in astro.config.mjs and this one stands in for it, on every
// path). Without an Origin, Sec-Fetch-Site must be "same-origin".

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isSafeMethod(method: string): boolean {
  return SAFE_METHODS.has(method.toUpperCase());
}

/** True when a state-changing request comes from a page of this same host. */
export function isSameOriginRequest(request: Request): boolean {
  const origin = request.headers.get('Origin');
  if (origin !== null) {
    // Behind a reverse proxy the public host arrives as X-Forwarded-Host. A cross-site form cannot
    // set that header, so accepting it as well keeps the check sound.
    const hosts = [request.headers.get('Host') ?? new URL(request.url).host, request.headers.get('X-Forwarded-Host')?.split(',')[0]?.trim()]
      .filter((h): h is string => Boolean(h))
      .map((h) => h.toLowerCase());
    try {
      return origin !== 'null' && hosts.includes(new URL(origin).host);
    } catch {
      return false;
    }
  }
  return request.headers.get('Sec-Fetch-Site') === 'same-origin';
}

/** A 403 for a cross-site state change, or null for a safe or same-origin request. */
export function refuseCrossSiteRequest(request: Request, headers: Record<string, string> = {}): Response | null {
  if (isSafeMethod(request.method) || isSameOriginRequest(request)) return null;
  return new Response('Forbidden: this form must be sent from a page of this site\n', {
    status: 403,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });
}
