// The limits of one rendered page (render.ts), set per pool or per page.

export interface RenderLimits {
  /** The whole render: navigation, scripts, waiting for product data, reading the DOM. Default 30 000 ms. */
  timeoutMs: number;
  /** Of that, the longest wait after the document loaded for product data to appear. Default 10 000 ms. */
  productWaitMs: number;
  /** Response bytes of every request of the page together. Default 10 MB. */
  maxBytes: number;
  /** Requests the page may make. Default 300. */
  maxRequests: number;
  /** Main-frame document loads (the first, redirects by script, reloads). Default 6. */
  maxNavigations: number;
  /** The rendered HTML read back. Default 5 MB (characters). */
  maxHtmlChars: number;
}

export const DEFAULT_RENDER_LIMITS: RenderLimits = {
  timeoutMs: 30_000,
  productWaitMs: 10_000,
  maxBytes: 10_000_000,
  maxRequests: 300,
  maxNavigations: 6,
  maxHtmlChars: 5_000_000,
};
