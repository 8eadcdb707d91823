// How one crawl of a store gets its product pages' HTML: fetched, or rendered in the browser pool.
// A store is rendered when its config says sourceKind 'browser' or its recorded profile says
// renderMode 'browser'. Otherwise a page whose HTML gives no product but looks like a script shell
// (shell-detect.ts) is rendered once more in the browser; when that gives a product, the store's
// render mode becomes 'browser' (recorded with the reason) and the rest of this crawl and every
// later one go straight to the browser. A render that fails leaves the page's static reading.
import type { Database } from '../../db/client.ts';
import type { RenderMode } from '../../db/crawling-schema.ts';
import { getStoreCrawlProfile, setStoreRenderMode } from '../../db/queries/crawling/store-profiles.ts';
import type { StoreConfig } from '../config/store-config.ts';
import type { Fetcher, FetchOutcome, FetchRequest } from '../core/types.ts';
import { userAgent } from '../core/user-agent.ts';
import type { Logger } from '../logger.ts';
import type { BrowserPool } from './pool.ts';
import { renderPage, type RenderLimits } from './render.ts';
import { detectScriptShell } from './shell-detect.ts';

export type FetchedPage = Extract<FetchOutcome, { kind: 'ok' }>;

export interface PageRenderingOptions {
  db: Database;
  store: StoreConfig;
  fetcher: Fetcher;
  /** The process's browser pool; without one every page is fetched (and a 'browser' store says so in the log). */
  pool?: BrowserPool;
  log: Logger;
  limits?: Partial<RenderLimits>;
  now?: () => Date;
}

export interface PageRendering {
  /** How pages are read now ('browser' once decided, also during this crawl). */
  readonly mode: RenderMode;
  /** The page as this store is read: a polite fetch, or a render through the fetcher's permit. */
  fetch(request: FetchRequest): Promise<FetchOutcome>;
  /**
   * Reads a fetched page with `read`; when that finds no product and the page looks like a script
   * shell, renders it and reads the rendered page instead (recording the switch when it gives a product).
   */
  read<R extends { ok: boolean; error?: { code: string } }>(page: FetchedPage, read: (page: FetchedPage) => R): Promise<R>;
}

export async function openPageRendering(options: PageRenderingOptions): Promise<PageRendering> {
  const { db, store, fetcher, pool, log } = options;
  const now = options.now ?? (() => new Date());
  const profile = await getStoreCrawlProfile(db, store.id);
  let mode: RenderMode = store.sourceKind === 'browser' || profile?.renderMode === 'browser' ? 'browser' : 'static';
  if (mode === 'browser' && !pool) {
    log.warn({ store: store.id }, 'the store is read in a browser, but this process has no browser pool: its pages are fetched');
  }
  let switching: Promise<void> | null = null;

  const render = async (url: string): Promise<FetchOutcome> => {
    const permitted = await fetcher.withPermit(url, ({ allowPrivate }) =>
      renderPage(pool!, { url, hostPatterns: store.hostPatterns, allowPrivate, userAgent: userAgent(), limits: options.limits }),
    );
    return permitted.kind === 'granted' ? permitted.value : permitted;
  };

  const switchToBrowser = (url: string, signals: string[]): Promise<void> => {
    if (mode === 'browser') return switching ?? Promise.resolve();
    mode = 'browser';
    const reason = `${url} gave no product as fetched HTML and looked like a script-rendered shell (${signals.join('; ')}); rendered in a browser it gave one`;
    log.info({ store: store.id, url }, 'the store is script-rendered: its pages are read in the browser from now on');
    // The switch holds for this crawl even if recording it fails; the next crawl finds out again.
    switching = setStoreRenderMode(db, store.id, 'browser', reason, now()).catch((error: unknown) =>
      log.warn({ err: error, store: store.id }, 'could not record the store\'s render mode'),
    );
    return switching;
  };

  return {
    get mode() {
      return mode;
    },
    fetch(request) {
      if (mode === 'browser' && pool) return render(request.url);
      return fetcher.fetch(request);
    },
    async read(page, read) {
      const first = read(page);
      if (first.ok || first.error?.code !== 'no_product' || mode === 'browser' || !pool) return first;
      const verdict = detectScriptShell(page.body);
      if (!verdict.shell) return first;
      const rendered = await render(page.requestedUrl);
      if (rendered.kind !== 'ok') {
        log.warn({ url: page.requestedUrl, kind: rendered.kind, error: rendered.kind === 'error' ? rendered.error.message : undefined }, 'a script shell could not be rendered: its fetched HTML stands');
        return first;
      }
      const second = read(rendered);
      if (!second.ok) return first;
      await switchToBrowser(page.requestedUrl, verdict.signals);
      return second;
    },
  };
}
