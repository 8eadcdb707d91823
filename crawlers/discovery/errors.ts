// Discovery fails as a whole only when no source could be read at all; single bad sitemaps or
// listing pages are reported through onProgress and skipped.

export class DiscoveryError extends Error {
  constructor(
    readonly storeId: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`Discovery for store "${storeId}" failed: ${message}`, options);
    this.name = 'DiscoveryError';
  }
}
