// Per-host request figures: how many requests, how many bytes, first and last request start.

export interface HostFigures {
  requests: number;
  bytes: number;
  firstAt: number;
  lastAt: number;
}

export class HostStats {
  readonly #byHost = new Map<string, HostFigures>();

  recordRequest(host: string, at: number = Date.now()): void {
    const figures = this.#byHost.get(host);
    if (!figures) {
      this.#byHost.set(host, { requests: 1, bytes: 0, firstAt: at, lastAt: at });
      return;
    }
    figures.requests++;
    figures.lastAt = Math.max(figures.lastAt, at);
  }

  recordBytes(host: string, bytes: number): void {
    const figures = this.#byHost.get(host);
    if (figures) figures.bytes += bytes;
  }

  snapshot(): Record<string, HostFigures> {
    return Object.fromEntries([...this.#byHost].map(([host, figures]) => [host, { ...figures }]));
  }
}

/** Measured requests per second between the first and last request; null with fewer than two. */
export function requestsPerSecond(figures: HostFigures): number | null {
  const spanMs = figures.lastAt - figures.firstAt;
  if (figures.requests < 2 || spanMs <= 0) return null;
  return ((figures.requests - 1) * 1000) / spanMs;
}
