// The set of product URLs found: canonical, deduplicated, on the store's hosts, matching the
// product pattern, capped.
import { canonicaliseUrl } from './canonical-url.ts';

export class UrlCollector {
  readonly #urls = new Set<string>();
  readonly #isStoreHost: (url: URL) => boolean;
  readonly #pattern: RegExp | undefined;
  readonly #max: number;

  constructor(options: { isStoreHost: (url: URL) => boolean; pattern?: RegExp; max: number }) {
    this.#isStoreHost = options.isStoreHost;
    this.#pattern = options.pattern;
    this.#max = options.max;
  }

  get size(): number {
    return this.#urls.size;
  }

  get full(): boolean {
    return this.#urls.size >= this.#max;
  }

  /** Canonicalises and keeps the URL when it qualifies; true when it was new and kept. */
  add(href: string, base?: string): boolean {
    if (this.full) return false;
    const canonical = canonicaliseUrl(href, base);
    if (canonical === null || this.#urls.has(canonical)) return false;
    if (!this.#isStoreHost(new URL(canonical))) return false;
    if (this.#pattern && !this.#pattern.test(canonical)) return false;
    this.#urls.add(canonical);
    return true;
  }

  /** True when the URL would qualify by host and pattern (ignoring the cap and duplicates). */
  qualifies(canonical: string): boolean {
    return this.#isStoreHost(new URL(canonical)) && (!this.#pattern || this.#pattern.test(canonical));
  }

  toArray(): string[] {
    return [...this.#urls];
  }
}
