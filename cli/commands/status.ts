// `tulna status`: per store, how fresh its readings are (oldest and median age of the active
// listings' last check), what is due, when the next revisit and full crawl come, and how the last
// crawl went. While `tulna start` owns the embedded database, the figures come from its site
// (/api/status), since no second process may open that database.
import { environmentSection } from '../../config/environment.ts';
import { databaseOptionsFromEnv, openDatabase } from '../../db/client.ts';
import { DataDirLockedError } from '../../db/data-dir-lock.ts';
import { listStoreFreshness, type StoreFreshness } from '../../db/queries/crawling/freshness.ts';
import { describeCrawlRun, describeNextRevisit, formatDuration, formatRelative } from '../../domain/freshness-status.ts';
import type { Command } from '../command.ts';

const DATE_FIELDS = ['nextVisitAt', 'nextFullCrawlAt', 'lastRevisitTickAt'] as const;

/** The JSON of /api/status back into rows (its times are ISO strings there). */
export function storesFromJson(body: unknown): { generatedAt: Date; stores: StoreFreshness[] } {
  const parsed = body as { generatedAt?: string; stores?: Record<string, unknown>[] };
  if (!parsed || !Array.isArray(parsed.stores) || typeof parsed.generatedAt !== 'string') {
    throw new Error('the status answer has no "stores" list and "generatedAt" time');
  }
  const date = (value: unknown) => (typeof value === 'string' ? new Date(value) : null);
  const run = (value: unknown) => {
    if (!value || typeof value !== 'object') return null;
    const r = value as Record<string, unknown>;
    return { ...(r as object), startedAt: date(r.startedAt)!, finishedAt: date(r.finishedAt) } as StoreFreshness['lastFullCrawl'];
  };
  return {
    generatedAt: new Date(parsed.generatedAt),
    stores: parsed.stores.map((row) => {
      const store = { ...row } as Record<string, unknown>;
      for (const field of DATE_FIELDS) store[field] = date(row[field]);
      store.lastFullCrawl = run(row.lastFullCrawl);
      store.lastRevisit = run(row.lastRevisit);
      return store as unknown as StoreFreshness;
    }),
  };
}

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

/** The table: a header, then one line per store. */
export function formatStatusTable(stores: StoreFreshness[], now: Date): string {
  if (stores.length === 0) return 'No stores yet: `tulna start` crawls the demo stores, `tulna crawl` the configured ones.\n';
  const age = (seconds: number | null) => (seconds === null ? '—' : formatDuration(seconds));
  const rows = stores.map((s) => [
    s.storeId,
    String(s.activeListings),
    age(s.oldestAgeSeconds),
    age(s.medianAgeSeconds),
    s.revisited === false ? '—' : String(s.dueNow),
    describeNextRevisit(s, now),
    s.running && s.running !== 'revisit' ? 'running now' : s.nextFullCrawlAt ? `${formatRelative(s.nextFullCrawlAt, now)} (${s.schedule})` : 'not scheduled',
    describeCrawlRun(s.lastFullCrawl, now),
  ]);
  const header = ['store', 'listings', 'oldest', 'median', 'due', 'next revisit', 'next full crawl', 'last full crawl'];
  const right = new Set([1, 4]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => (i === cells.length - 1 ? cell : pad(cell, widths[i], right.has(i)))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n') + '\n';
}

/** Where `tulna start` serves the site, for asking it while it owns the embedded database. */
function siteUrl(): string {
  const { HOST: host, PORT: port } = environmentSection('server');
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

async function statusFromSite(locked: DataDirLockedError): Promise<{ generatedAt: Date; stores: StoreFreshness[] }> {
  const url = `${siteUrl()}/api/status`;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  } catch (error) {
    throw new Error(`${locked.message}\nAsking its site at ${url} failed too: ${(error as Error).message}`);
  }
  if (!response.ok) throw new Error(`${locked.message}\nIts site at ${url} answered ${response.status}`);
  return storesFromJson(await response.json());
}

export const command: Command = {
  summary: 'Per store: how old its readings are, what is due, the next revisit and full crawl, the last crawl',
  usage: 'tulna status [--json]',
  options: { json: { type: 'boolean' } },
  async run({ flags }) {
    let result: { generatedAt: Date; stores: StoreFreshness[] };
    let source = '';
    try {
      const handle = await openDatabase({ ...databaseOptionsFromEnv(), migrate: true });
      try {
        const now = new Date();
        result = { generatedAt: now, stores: await listStoreFreshness(handle.db, now) };
        source = `the ${handle.driver} database at ${handle.location}`;
      } finally {
        await handle.close();
      }
    } catch (error) {
      if (!(error instanceof DataDirLockedError)) throw error;
      result = await statusFromSite(error);
      source = `${siteUrl()} (tulna start holds the embedded database)`;
    }
    if (flags.json) {
      process.stdout.write(JSON.stringify(result) + '\n');
      return 0;
    }
    process.stdout.write(formatStatusTable(result.stores, result.generatedAt));
    process.stdout.write(`status of ${result.stores.length} store(s) from ${source}\n`);
    return 0;
  },
};
