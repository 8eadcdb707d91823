// URLs below a shop's base URL.

/** The store root with a trailing slash, so "products.json" resolves below a sub-path shop too. */
export function shopRoot(baseUrl: string): string {
  return baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
}
