// Freshness bookkeeping (tables listing_freshness, store_revisits): after every visit of a batch of
// listings, when each is due again (domain/freshness-policy.ts), one read and one write per batch;
// which listings of a store are due now, most overdue for their interval first; and the per-store
// figures `tulna status` and the status page show.
import { sql } from 'drizzle-orm';
import { Cron } from 'croner';
import { queryRows, type Database } from '../../client.ts';
import { FRESHNESS, nextVisitInterval, type FreshnessBounds } from '../../../domain/freshness-policy.ts';
import { idArray } from '../id-array.ts';

/** The crawl-run trigger of a revisit tick: its pages and errors are kept with the crawls'. */
export const REVISIT_TRIGGER = 'revisit';

/** A store without a schedule is crawled on the config's default, every 6 hours. */
const DEFAULT_PERIOD_SECONDS = 6 * 3_600;

function cronOf(schedule: string | null | undefined): Cron | null {
  if (!schedule) return null;
  try {
    return new Cron(schedule, { paused: true });
  } catch {
    return null;
  }
}

/** The next run of a cron expression after `now` (null without a valid schedule). */
export function nextCronRun(schedule: string | null | undefined, now: Date): Date | null {
  return cronOf(schedule)?.nextRun(now) ?? null;
}

/** Seconds between the schedule's next two runs after `now`: how long a listing waits for the full crawl at most. */
export function cronPeriodSeconds(schedule: string | null | undefined, now: Date): number {
  const runs = cronOf(schedule)?.nextRuns(2, now) ?? [];
  if (runs.length < 2) return DEFAULT_PERIOD_SECONDS;
  return Math.max(1, Math.round((runs[1].getTime() - runs[0].getTime()) / 1000));
}

/** A store's interval bounds: never below the policy's minimum, never beyond its full-crawl period. */
export function freshnessBounds(schedule: string | null | undefined, now: Date): FreshnessBounds {
  return { minSeconds: FRESHNESS.MIN_SECONDS, maxSeconds: cronPeriodSeconds(schedule, now) };
}

const toDate = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
const toDateOrNull = (value: Date | string | null): Date | null => (value === null ? null : toDate(value));

/** Postgres array literals of values we made ourselves (whole numbers, ISO times): one parameter each. */
function intArray(values: readonly number[]) {
  for (const value of values) if (!Number.isSafeInteger(value)) throw new TypeError(`Expected whole numbers, got ${String(value)}`);
  return sql`${`{${values.join(',')}}`}::int[]`;
}
function timeArray(values: readonly (Date | null)[]) {
  return sql`${`{${values.map((value) => (value === null ? 'NULL' : `"${value.toISOString()}"`)).join(',')}}`}::timestamptz[]`;
}

export interface ListingVisits {
  storeId: string;
  at: Date;
  /** The listings read (by id) … */
  listingIds?: readonly number[];
  /** … or by URL (pages that answered "not modified"). */
  urls?: readonly string[];
  /** Of those, the ones whose reading changed (price, shipping, currency, stock). */
  changedIds?: readonly number[];
}

interface VisitRow {
  id: string | number;
  first_seen_at: Date | string;
  checks: number | null;
  changes: number | null;
  last_changed_at: Date | string | null;
  schedule: string | null;
  follows: string | number;
  stores: string | number;
  claimed: boolean;
  awaiting: boolean;
}

/**
 * Records a visit of these listings and plans the next one of each: one statement reads what the
 * policy needs (history, popularity, whether the latest reading waits for confirmation), one
 * writes every row. Returns how many listings were planned.
 */
export async function recordListingVisits(db: Database, visits: ListingVisits): Promise<number> {
  const { storeId, at } = visits;
  const byIds = visits.listingIds && visits.listingIds.length > 0;
  const byUrls = visits.urls && visits.urls.length > 0;
  if (!byIds && !byUrls) return 0;
  const which = byIds
    ? sql`l.id = ANY(${idArray(visits.listingIds!)})`
    : sql`l.store_id = ${storeId} AND l.url = ANY(${`{${visits.urls!.map((url) => `"${url.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[])`;
  const rows = await queryRows<VisitRow>(
    db,
    sql`SELECT l.id, l.first_seen_at, f.checks, f.changes, f.last_changed_at, s.schedule,
               coalesce(pop.follows, 0) AS follows, coalesce(pop.stores, 1) AS stores,
               (coalesce(pop.claimed, false) OR EXISTS (
                  SELECT 1 FROM store_claims c WHERE c.store_id = l.store_id AND c.status IN ('verified', 'granted'))) AS claimed,
               coalesce(NOT latest.confirmed, false) AS awaiting
          FROM listings l
          JOIN stores s ON s.id = l.store_id
          LEFT JOIN listing_freshness f ON f.listing_id = l.id
          LEFT JOIN LATERAL (
            SELECT o.confirmed FROM price_observations o WHERE o.listing_id = l.id
             ORDER BY o.observed_at DESC, o.id DESC LIMIT 1
          ) latest ON true
          LEFT JOIN LATERAL (
            SELECT (SELECT count(*) FROM follows fo
                     WHERE fo.product_id = l.product_id AND fo.active AND fo.confirmed_at IS NOT NULL) AS follows,
                   (SELECT count(DISTINCT m.store_id) FROM listings m
                     WHERE m.product_id = l.product_id AND m.status <> 'gone') AS stores,
                   EXISTS (SELECT 1 FROM listings m JOIN store_claims c ON c.store_id = m.store_id
                            WHERE m.product_id = l.product_id AND c.status IN ('verified', 'granted')) AS claimed
          ) pop ON l.product_id IS NOT NULL
         WHERE ${which}`,
  );
  if (rows.length === 0) return 0;
  const changed = new Set(visits.changedIds ?? []);
  const boundsBySchedule = new Map<string, FreshnessBounds>();
  const plan = rows.map((row) => {
    const id = Number(row.id);
    const known = row.checks !== null;
    // A change counts against a visit this bookkeeping saw before: the first row has no baseline.
    const didChange = known && changed.has(id);
    const changes = (row.changes ?? 0) + (didChange ? 1 : 0);
    const lastChangedAt = didChange ? at : toDateOrNull(row.last_changed_at);
    const key = row.schedule ?? '';
    let bounds = boundsBySchedule.get(key);
    if (!bounds) boundsBySchedule.set(key, (bounds = freshnessBounds(row.schedule, at)));
    const { seconds } = nextVisitInterval({
      history: { changes, firstSeenAt: toDate(row.first_seen_at), lastChangedAt },
      popularity: { follows: Number(row.follows), stores: Number(row.stores), claimed: row.claimed },
      awaitingConfirmation: row.awaiting,
      now: at,
      bounds,
    });
    return { id, seconds, next: new Date(at.getTime() + seconds * 1000), checks: (row.checks ?? 0) + 1, changes, lastChangedAt };
  });
  await db.execute(
    sql`INSERT INTO listing_freshness AS f (listing_id, next_visit_at, interval_seconds, checks, changes, last_changed_at)
        SELECT v.id, v.next_visit_at, v.interval_seconds, v.checks, v.changes, v.last_changed_at
          FROM unnest(${idArray(plan.map((p) => p.id))}, ${timeArray(plan.map((p) => p.next))}, ${intArray(plan.map((p) => p.seconds))},
                      ${intArray(plan.map((p) => p.checks))}, ${intArray(plan.map((p) => p.changes))}, ${timeArray(plan.map((p) => p.lastChangedAt))})
               AS v(id, next_visit_at, interval_seconds, checks, changes, last_changed_at)
        ON CONFLICT (listing_id) DO UPDATE
           SET next_visit_at = excluded.next_visit_at, interval_seconds = excluded.interval_seconds,
               checks = excluded.checks, changes = excluded.changes, last_changed_at = excluded.last_changed_at`,
  );
  return plan.length;
}

/** Listings whose visit failed: tried again after their interval, not on the next tick (a failing page is not hammered). */
export async function deferListingVisits(db: Database, listingIds: readonly number[], at: Date): Promise<void> {
  if (listingIds.length === 0) return;
  await db.execute(
    sql`UPDATE listing_freshness SET next_visit_at = ${at.toISOString()}::timestamptz + interval_seconds * interval '1 second'
         WHERE listing_id = ANY(${idArray(listingIds)})`,
  );
}

export interface DueListing {
  id: number;
  url: string;
  etag: string | null;
  lastModified: string | null;
  dueAt: Date;
  intervalSeconds: number;
}

/**
 * Active listings of the store due at `now`, most overdue for their interval first (a followed
 * listing a minute late goes before a stable one ten minutes late), at most `limit`. A listing
 * followed since its last visit is due once that visit is FOLLOWED_CEILING_SECONDS old, though its
 * row was planned before anyone followed it.
 */
export async function pickDueListings(db: Database, storeId: string, now: Date, limit: number): Promise<DueListing[]> {
  if (limit <= 0) return [];
  const at = sql`${now.toISOString()}::timestamptz`;
  const followedEvery = sql`${FRESHNESS.FOLLOWED_CEILING_SECONDS} * interval '1 second'`;
  const rows = await queryRows<{ id: string | number; url: string; etag: string | null; last_modified: string | null; due_at: Date | string; interval_seconds: number }>(
    db,
    sql`WITH due AS (
          SELECT f.listing_id AS id, f.next_visit_at AS due_at, f.interval_seconds
            FROM listing_freshness f JOIN listings l ON l.id = f.listing_id
           WHERE f.next_visit_at <= ${at} AND l.store_id = ${storeId} AND l.status = 'active'
          UNION ALL
          SELECT l.id, l.last_checked_at + ${followedEvery}, ${FRESHNESS.FOLLOWED_CEILING_SECONDS}::int
            FROM follows fo JOIN listings l ON l.product_id = fo.product_id
           WHERE fo.active AND fo.confirmed_at IS NOT NULL AND l.store_id = ${storeId} AND l.status = 'active'
             AND l.last_checked_at + ${followedEvery} <= ${at}
        ), soonest AS (
          SELECT DISTINCT ON (id) id, due_at, interval_seconds FROM due ORDER BY id, due_at
        )
        SELECT l.id, l.url, l.etag, l.last_modified, d.due_at, d.interval_seconds
          FROM soonest d JOIN listings l ON l.id = d.id
         ORDER BY extract(epoch FROM (${at} - d.due_at)) / greatest(d.interval_seconds, 1) DESC, d.due_at, d.id
         LIMIT ${limit}`,
  );
  return rows.map((row) => ({
    id: Number(row.id),
    url: row.url,
    etag: row.etag,
    lastModified: row.last_modified,
    dueAt: toDate(row.due_at),
    intervalSeconds: row.interval_seconds,
  }));
}

/** The trigger of the store's running crawl run, or null when none runs. */
export async function runningCrawlTrigger(db: Database, storeId: string): Promise<string | null> {
  const rows = await queryRows<{ trigger: string }>(db, sql`SELECT trigger FROM crawl_runs WHERE store_id = ${storeId} AND status = 'running' LIMIT 1`);
  return rows[0]?.trigger ?? null;
}

/** The status of the store's latest full crawl (any trigger but a revisit), or null before the first. */
export async function latestFullCrawlStatus(db: Database, storeId: string): Promise<string | null> {
  const rows = await queryRows<{ status: string }>(
    db,
    sql`SELECT status FROM crawl_runs WHERE store_id = ${storeId} AND trigger <> ${REVISIT_TRIGGER} ORDER BY started_at DESC, id DESC LIMIT 1`,
  );
  return rows[0]?.status ?? null;
}

export interface RevisitPlan {
  storeId: string;
  revisited: boolean;
  tickSeconds: number;
  requestsPerTick: number;
}

/** What the revisit loop will do per store (written when it starts; the stores' rows must exist). */
export async function recordRevisitPlans(db: Database, plans: readonly RevisitPlan[], at = new Date()): Promise<void> {
  for (const plan of plans) {
    await db.execute(
      sql`INSERT INTO store_revisits (store_id, revisited, tick_seconds, requests_per_tick, updated_at)
          VALUES (${plan.storeId}, ${plan.revisited}, ${plan.tickSeconds}, ${plan.requestsPerTick}, ${at.toISOString()}::timestamptz)
          ON CONFLICT (store_id) DO UPDATE
             SET revisited = excluded.revisited, tick_seconds = excluded.tick_seconds,
                 requests_per_tick = excluded.requests_per_tick, updated_at = excluded.updated_at`,
    );
  }
}

/** The loop ticked for these stores (the status tells a stopped loop by it). */
export async function markRevisitTicks(db: Database, storeIds: readonly string[], at: Date): Promise<void> {
  if (storeIds.length === 0) return;
  await db.execute(
    sql`UPDATE store_revisits SET last_tick_at = ${at.toISOString()}::timestamptz
         WHERE store_id = ANY(${`{${storeIds.map((id) => `"${id.replace(/["\\]/g, '\\$&')}"`).join(',')}}`}::text[])`,
  );
}

/** Revisit runs that found nothing (no change, no error) and are older than `before` are dropped: thousands a day, saying nothing. */
export async function pruneQuietRevisitRuns(db: Database, before: Date): Promise<number> {
  const rows = await queryRows<{ id: string | number }>(
    db,
    sql`DELETE FROM crawl_runs
         WHERE trigger = ${REVISIT_TRIGGER} AND status = 'succeeded' AND errors = 0 AND listings_changed = 0 AND listings_new = 0
           AND started_at < ${before.toISOString()}::timestamptz
        RETURNING id`,
  );
  return rows.length;
}

export interface CrawlRunBrief {
  status: string;
  trigger: string;
  startedAt: Date;
  finishedAt: Date | null;
  pages: number;
  changed: number;
  errors: number;
}

export interface StoreFreshness {
  storeId: string;
  name: string;
  schedule: string | null;
  activeListings: number;
  /** Age in seconds of the oldest and the median reading (last check) of its active listings; null without any. */
  oldestAgeSeconds: number | null;
  medianAgeSeconds: number | null;
  /** Active listings whose planned visit is due. */
  dueNow: number;
  /** The soonest planned visit of an active listing (may be past: overdue). */
  nextVisitAt: Date | null;
  /** The schedule's next full crawl. */
  nextFullCrawlAt: Date | null;
  /** null: no revisit loop has ever run for the store; false: a feed or API, read whole on its cron. */
  revisited: boolean | null;
  revisitTickSeconds: number | null;
  lastRevisitTickAt: Date | null;
  lastFullCrawl: CrawlRunBrief | null;
  lastRevisit: CrawlRunBrief | null;
  /** A run of the store is going on now (its trigger), else null. */
  running: string | null;
}

interface RunRow {
  store_id: string;
  status: string;
  trigger: string;
  started_at: Date | string;
  finished_at: Date | string | null;
  pages: number;
  listings_changed: number;
  errors: number;
}

const brief = (row: RunRow | undefined): CrawlRunBrief | null =>
  row
    ? {
        status: row.status,
        trigger: row.trigger,
        startedAt: toDate(row.started_at),
        finishedAt: toDateOrNull(row.finished_at),
        pages: row.pages,
        changed: row.listings_changed,
        errors: row.errors,
      }
    : null;

/** Per store, by name: how old its readings are, what is due, and when the next visits and crawl come. */
export async function listStoreFreshness(db: Database, now = new Date()): Promise<StoreFreshness[]> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const [stores, runs] = await Promise.all([
    queryRows<{
      id: string;
      name: string;
      schedule: string | null;
      active: string | number;
      oldest_age: number | string | null;
      median_age: number | string | null;
      due: string | number;
      next_visit_at: Date | string | null;
      revisited: boolean | null;
      tick_seconds: number | null;
      last_tick_at: Date | string | null;
    }>(
      db,
      sql`SELECT s.id, s.name, s.schedule, r.revisited, r.tick_seconds, r.last_tick_at,
                 count(l.id) AS active,
                 extract(epoch FROM (${at} - min(l.last_checked_at)))::float8 AS oldest_age,
                 percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM (${at} - l.last_checked_at))::float8) AS median_age,
                 count(f.listing_id) FILTER (WHERE f.next_visit_at <= ${at}) AS due,
                 min(f.next_visit_at) AS next_visit_at
            FROM stores s
            LEFT JOIN store_revisits r ON r.store_id = s.id
            LEFT JOIN listings l ON l.store_id = s.id AND l.status = 'active'
            LEFT JOIN listing_freshness f ON f.listing_id = l.id
           GROUP BY s.id, s.name, s.schedule, r.revisited, r.tick_seconds, r.last_tick_at
           ORDER BY s.name, s.id`,
    ),
    // Each store's latest finished full crawl, latest finished revisit, and running run (the index on store and start time finds each).
    queryRows<RunRow & { kind: string }>(
      db,
      sql`SELECT s.id AS store_id, k.kind, r.status, r.trigger, r.started_at, r.finished_at, r.pages, r.listings_changed, r.errors
            FROM stores s
           CROSS JOIN (VALUES ('full'), ('revisit'), ('running')) AS k(kind)
            JOIN LATERAL (
              SELECT c.status, c.trigger, c.started_at, c.finished_at, c.pages, c.listings_changed, c.errors
                FROM crawl_runs c
               WHERE c.store_id = s.id
                 AND CASE k.kind WHEN 'running' THEN c.status = 'running'
                                 WHEN 'revisit' THEN c.status <> 'running' AND c.trigger = ${REVISIT_TRIGGER}
                                 ELSE c.status <> 'running' AND c.trigger <> ${REVISIT_TRIGGER} END
               ORDER BY c.started_at DESC, c.id DESC LIMIT 1
            ) r ON true`,
    ),
  ]);
  const runsOf = new Map<string, Map<string, RunRow>>();
  for (const run of runs) {
    if (!runsOf.has(run.store_id)) runsOf.set(run.store_id, new Map());
    runsOf.get(run.store_id)!.set(run.kind, run);
  }
  const seconds = (value: number | string | null) => (value === null ? null : Math.max(0, Number(value)));
  return stores.map((row) => {
    const storeRuns = runsOf.get(row.id);
    return {
      storeId: row.id,
      name: row.name,
      schedule: row.schedule,
      activeListings: Number(row.active),
      oldestAgeSeconds: seconds(row.oldest_age),
      medianAgeSeconds: seconds(row.median_age),
      dueNow: Number(row.due),
      nextVisitAt: toDateOrNull(row.next_visit_at),
      nextFullCrawlAt: nextCronRun(row.schedule, now),
      revisited: row.revisited,
      revisitTickSeconds: row.tick_seconds,
      lastRevisitTickAt: toDateOrNull(row.last_tick_at),
      lastFullCrawl: brief(storeRuns?.get('full')),
      lastRevisit: brief(storeRuns?.get('revisit')),
      running: storeRuns?.get('running')?.trigger ?? null,
    };
  });
}

/** How the store's pages are read, as crawls learned it (store_crawl_profiles): 'static' unless a crawl decided on a browser. */
export async function storeRenderMode(db: Database, storeId: string): Promise<string> {
  const rows = await queryRows<{ render_mode: string }>(db, sql`SELECT render_mode FROM store_crawl_profiles WHERE store_id = ${storeId}`);
  return rows[0]?.render_mode ?? 'static';
}

/** Whether the revisit loop revisits the store (store_revisits), or null when no loop ever said. */
export async function storeIsRevisited(db: Database, storeId: string): Promise<boolean | null> {
  const rows = await queryRows<{ revisited: boolean }>(db, sql`SELECT revisited FROM store_revisits WHERE store_id = ${storeId}`);
  return rows[0]?.revisited ?? null;
}
