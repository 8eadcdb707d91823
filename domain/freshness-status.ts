// The words of the freshness status, shared by `tulna status` and the status page: how old readings
// are, when a store's listings are next visited, and how its last crawl went. Pure; the clock is a parameter.

/** "35 s", "4 min", "2 h 5 min", "3 days". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}

/** "in 4 min", "now", "2 min ago" for a moment against `now`. */
export function formatRelative(at: Date, now: Date): string {
  const seconds = (at.getTime() - now.getTime()) / 1000;
  if (Math.abs(seconds) < 1) return 'now';
  return seconds > 0 ? `in ${formatDuration(seconds)}` : `${formatDuration(-seconds)} ago`;
}

/** What the status needs to know of a store's revisits. */
export interface RevisitStatusInput {
  revisited: boolean | null;
  revisitTickSeconds: number | null;
  lastRevisitTickAt: Date | null;
  dueNow: number;
  nextVisitAt: Date | null;
  running: string | null;
}

/** A revisit loop that missed this many ticks is taken for stopped. */
const MISSED_TICKS = 3;

/** When the store's listings are next read between full crawls, in words. */
export function describeNextRevisit(store: RevisitStatusInput, now: Date): string {
  // Feeds and APIs are read whole on the cron; script-rendered pages need the browser of a full crawl.
  if (store.revisited === false) return 'only with the full crawl';
  if (store.revisited === null) return 'no revisits running';
  const tick = store.revisitTickSeconds ?? 20;
  if (!store.lastRevisitTickAt || now.getTime() - store.lastRevisitTickAt.getTime() > MISSED_TICKS * tick * 1000) {
    return store.lastRevisitTickAt ? `revisits stopped (last ${formatRelative(store.lastRevisitTickAt, now)})` : 'no revisits running';
  }
  if (store.running && store.running !== 'revisit') return 'after the crawl under way';
  if (store.dueNow > 0) return `now (${store.dueNow} due)`;
  if (!store.nextVisitAt) return 'nothing planned';
  return formatRelative(store.nextVisitAt, now);
}

export interface CrawlRunStatusInput {
  status: string;
  startedAt: Date;
  finishedAt: Date | null;
  pages: number;
  errors: number;
}

/** "succeeded 3 min ago, 240 pages, 0 errors", or "never". */
export function describeCrawlRun(run: CrawlRunStatusInput | null, now: Date): string {
  if (!run) return 'never';
  const at = run.finishedAt ?? run.startedAt;
  return `${run.status} ${formatRelative(at, now)}, ${run.pages} ${run.pages === 1 ? 'page' : 'pages'}, ${run.errors} ${run.errors === 1 ? 'error' : 'errors'}`;
}
