// The headers every response carries (pages through Astro middleware, static files through the server).

/** The scan page compiles the ZXing WebAssembly reader: only it may (no eval of JavaScript anywhere). */
const WASM_PAGES = new Set(['/scan', '/scan/']);

export function contentSecurityPolicy(pathname: string, dev = false): string {
  const script = ["'self'"];
  if (WASM_PAGES.has(pathname)) script.push("'wasm-unsafe-eval'");
  if (dev) script.push("'unsafe-inline'"); // Vite's dev client injects inline scripts.
  return [
    "default-src 'self'",
    "img-src 'self' https: data:",
    `script-src ${script.join(' ')}`,
    "style-src 'self'" + (dev ? " 'unsafe-inline'" : ''),
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    "media-src 'self' blob:",
    "object-src 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

export function securityHeaders(pathname: string, dev = false): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(pathname, dev),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
  };
}
