// One Chromium per process, shared by every store that needs a browser: launched on first use,
// at most `maxPages` pages at once, each page in a fresh browser context (no cookies or storage
// carried from one store or page to the next) that is closed whatever happens. A browser that
// disconnects or crashes is relaunched on the next page; a renderer that grows past its memory cap
// is killed (its page ends as a crash); close() ends the browser, by force when it does not answer.
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import PQueue from 'p-queue';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { logger as crawlerLogger, type Logger } from '../logger.ts';
import { describeChromium, resolveChromium } from './chromium-path.ts';
import { descendantsOf, listProcesses } from './process-tree.ts';
import type { RenderLimits } from './render-limits.ts';

export interface BrowserPoolOptions {
  /** Pages rendered at once. Default 2. */
  maxPages?: number;
  /** The Chromium to launch. Default: resolved by chromium-path.ts on first launch. */
  executablePath?: string;
  /** Script heap cap of each renderer (V8 --max-old-space-size), MB. Default 256. */
  jsHeapMb?: number;
  /** A renderer process whose resident memory passes this is killed, MB. Default 1024; 0 turns the watch off. */
  maxRendererRssMb?: number;
  /** How long a launch may take. Default 30 000 ms. */
  launchTimeoutMs?: number;
  /** Chromium's sandbox. Default on, except as root (where it cannot run). */
  sandbox?: boolean;
  /** More Chromium switches. */
  extraArgs?: string[];
  /** Limits of every page this pool renders (render.ts; each field defaults to DEFAULT_RENDER_LIMITS). */
  renderLimits?: Partial<RenderLimits>;
  logger?: Logger;
}

/** How one page's context is set up. */
export interface PageSetup {
  /** Every request of the page goes through this proxy (crawlers/browser/guard-proxy.ts). */
  proxyServer?: string;
  userAgent?: string;
}

export class BrowserPoolClosedError extends Error {
  constructor() {
    super('The browser pool is closed: no more pages are rendered');
    this.name = 'BrowserPoolClosedError';
  }
}

/** Longest wait for a context or the browser to close before the browser is killed. */
const CLOSE_GRACE_MS = 5_000;
const WATCH_INTERVAL_MS = 500;

/**
 * Switches for a browser on a server. --disable-dev-shm-usage: containers give /dev/shm a few MB,
 * and Chromium crashes when it fills. The rest keeps it off Google's services and quiet.
 */
function serverArgs(jsHeapMb: number): string[] {
  return [
    '--disable-dev-shm-usage',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-default-apps',
    '--disable-domain-reliability',
    '--disable-extensions',
    '--disable-sync',
    '--disable-features=Translate,MediaRouter,OptimizationHints',
    '--metrics-recording-only',
    '--mute-audio',
    '--no-first-run',
    '--no-default-browser-check',
    '--no-pings',
    '--blink-settings=imagesEnabled=false',
    `--js-flags=--max-old-space-size=${jsHeapMb}`,
  ];
}

function positiveInteger(field: string, value: number | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) throw new TypeError(`BrowserPool expected ${field} to be a whole number >= ${min}, found ${value}`);
  return value;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timed out'> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timed out'>((resolve) => (timer = setTimeout(() => resolve('timed out'), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface Launched {
  browser: Browser;
  /** The browser process, found by the marker switch; null where /proc cannot tell. */
  pid: number | null;
}

export class BrowserPool {
  readonly maxPages: number;
  readonly jsHeapMb: number;
  readonly maxRendererRssMb: number;
  readonly renderLimits: Partial<RenderLimits>;
  readonly #options: BrowserPoolOptions;
  readonly #log: Logger;
  readonly #queue: PQueue;
  readonly #closing = new AbortController();
  #launching: Promise<Launched> | null = null;
  #current: Launched | null = null;
  #watch: NodeJS.Timeout | null = null;
  #executablePath: string | undefined;
  #launches = 0;
  #pagesServed = 0;
  #renderersKilled = 0;

  constructor(options: BrowserPoolOptions = {}) {
    this.maxPages = positiveInteger('maxPages', options.maxPages, 2);
    this.jsHeapMb = positiveInteger('jsHeapMb', options.jsHeapMb, 256, 16);
    this.maxRendererRssMb = positiveInteger('maxRendererRssMb', options.maxRendererRssMb, 1024, 0);
    this.renderLimits = { ...options.renderLimits };
    this.#options = options;
    this.#executablePath = options.executablePath;
    this.#log = (options.logger ?? crawlerLogger).child({ component: 'BrowserPool' });
    this.#queue = new PQueue({ concurrency: this.maxPages });
    // Every waiting page listens for close(): many at once is normal, not a leak.
    setMaxListeners(0, this.#closing.signal);
  }

  get closed(): boolean {
    return this.#closing.signal.aborted;
  }

  /** Launches so far (1 + relaunches after a crash), pages served, renderers killed for memory. */
  stats(): { launches: number; pagesServed: number; pagesOpen: number; pagesWaiting: number; renderersKilled: number; browserPid: number | null } {
    return {
      launches: this.#launches,
      pagesServed: this.#pagesServed,
      pagesOpen: this.#queue.pending,
      pagesWaiting: this.#queue.size,
      renderersKilled: this.#renderersKilled,
      browserPid: this.#current?.pid ?? null,
    };
  }

  /**
   * Runs `task` with a new page in a new context, when one of the pool's page slots is free; the
   * context is closed afterwards on every path. Rejects with BrowserPoolClosedError once closed,
   * and with the launch error when Chromium cannot start (the next call tries again).
   */
  async withPage<T>(setup: PageSetup, task: (page: Page) => Promise<T>): Promise<T> {
    if (this.closed) throw new BrowserPoolClosedError();
    try {
      return await this.#queue.add(() => this.#runPage(setup, task), { signal: this.#closing.signal });
    } catch (error) {
      if (this.closed && (error as Error)?.name === 'AbortError') throw new BrowserPoolClosedError();
      throw error;
    }
  }

  async #runPage<T>(setup: PageSetup, task: (page: Page) => Promise<T>): Promise<T> {
    const launched = await this.#browser();
    let context: BrowserContext | undefined;
    try {
      context = await launched.browser.newContext({
        // bypass '' keeps loopback proxied too (Playwright adds <-loopback>): the demo stores live there.
        proxy: setup.proxyServer ? { server: setup.proxyServer, bypass: '' } : undefined,
        serviceWorkers: 'block', // a service worker's requests would pass the page's routing by
        acceptDownloads: false,
        userAgent: setup.userAgent,
        viewport: { width: 1280, height: 900 },
      });
      const page = await context.newPage();
      this.#pagesServed++;
      return await task(page);
    } finally {
      if (context) await this.#closeContext(context, launched);
    }
  }

  async #closeContext(context: BrowserContext, launched: Launched): Promise<void> {
    const result = await withTimeout(
      context.close().catch(() => undefined),
      CLOSE_GRACE_MS,
    );
    if (result === 'timed out') {
      // A context that does not close means a wedged browser: start afresh.
      this.#log.warn({ pid: launched.pid }, 'a browser context did not close: killing the browser');
      await this.#shutDown(launched);
    }
  }

  #browser(): Promise<Launched> {
    if (this.closed) return Promise.reject(new BrowserPoolClosedError());
    this.#launching ??= this.#launch().catch((error: unknown) => {
      this.#launching = null;
      throw error;
    });
    return this.#launching;
  }

  async #launch(): Promise<Launched> {
    if (!this.#executablePath) {
      const resolved = await resolveChromium();
      this.#log.info({ path: resolved.path, source: resolved.source }, describeChromium(resolved));
      this.#executablePath = resolved.path;
    }
    // Chromium ignores switches it does not know: this one finds its process in /proc.
    const marker = `--tulna-pool=${randomUUID()}`;
    const sandbox = this.#options.sandbox ?? process.getuid?.() !== 0;
    let browser: Browser;
    try {
      browser = await chromium.launch({
        executablePath: this.#executablePath,
        headless: true,
        chromiumSandbox: sandbox,
        args: [...serverArgs(this.jsHeapMb), marker, ...(this.#options.extraArgs ?? [])],
        timeout: this.#options.launchTimeoutMs ?? 30_000,
        // The commands stop the pool on their own signals (and Playwright kills it on exit).
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
      });
    } catch (error) {
      throw new Error(`Chromium ${this.#executablePath} failed to launch${sandbox ? ' (with its sandbox)' : ''}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const pid = descendantsOf(process.pid).find((info) => info.commandLine.includes(marker))?.pid ?? null;
    const launched: Launched = { browser, pid };
    this.#launches++;
    this.#current = launched;
    browser.on('disconnected', () => {
      if (this.#current !== launched) return;
      this.#current = null;
      this.#launching = null;
      this.#stopWatch();
      if (!this.closed) this.#log.warn({ pid }, 'the browser disconnected: the next page relaunches it');
    });
    this.#startWatch(launched);
    if (this.closed) {
      await this.#shutDown(launched);
      throw new BrowserPoolClosedError();
    }
    this.#log.debug({ pid, launches: this.#launches }, 'browser launched');
    return launched;
  }

  /** Kills renderers past their memory cap; their pages get a 'crash' event and end as one error each. */
  #startWatch(launched: Launched): void {
    if (this.maxRendererRssMb === 0 || launched.pid === null) return;
    const cap = this.maxRendererRssMb * 1024 * 1024;
    this.#watch = setInterval(() => {
      for (const info of descendantsOf(launched.pid!, listProcesses())) {
        if (info.rssBytes <= cap || !info.commandLine.includes('--type=renderer')) continue;
        try {
          process.kill(info.pid, 'SIGKILL');
          this.#renderersKilled++;
          this.#log.warn({ pid: info.pid, rssMb: Math.round(info.rssBytes / 1048576), capMb: this.maxRendererRssMb }, 'killed a renderer over its memory cap');
        } catch {
          // already gone
        }
      }
    }, WATCH_INTERVAL_MS);
    this.#watch.unref();
  }

  #stopWatch(): void {
    if (this.#watch) clearInterval(this.#watch);
    this.#watch = null;
  }

  /** Closes the browser; kills its process group when it does not close in time. */
  async #shutDown(launched: Launched): Promise<void> {
    if (this.#current === launched) {
      this.#current = null;
      this.#launching = null;
      this.#stopWatch();
    }
    const result = await withTimeout(launched.browser.close().catch(() => undefined), CLOSE_GRACE_MS);
    if (result === 'timed out' && launched.pid !== null) {
      this.#log.warn({ pid: launched.pid }, 'the browser did not close: killing it');
      try {
        // Playwright starts Chromium as the leader of its own process group: this ends every helper too.
        process.kill(-launched.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }

  /** Refuses new pages, ends waiting ones, and closes the browser (and every page in it). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.#closing.abort();
    this.#queue.clear();
    const launching = this.#launching;
    this.#stopWatch();
    if (!launching) return;
    const launched = await launching.catch(() => null);
    if (launched) await this.#shutDown(launched);
    this.#log.debug({ launches: this.#launches, pagesServed: this.#pagesServed }, 'browser pool closed');
  }
}
