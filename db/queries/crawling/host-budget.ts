// The per-host politeness budget every crawler process shares (tables host_budgets, host_leases).
// Each statement is atomic on its own and uses the database's clock, so the processes' clocks do
// not matter and no lock outlives a statement:
//  - a request first takes one of the host's `concurrency` lease rows and, in the same statement,
//    reserves its start time: next_slot_at moves on by the host's interval;
//  - a lease ends when the request is done (release), or on its own at lease_until when the
//    process holding it died.
import { sql } from 'drizzle-orm';
import { queryRows, type Database } from '../../client.ts';

/** A statement's worth of a duration: milliseconds as a Postgres interval. */
const millis = (ms: number) => sql`(${ms}::float8 * interval '1 millisecond')`;

/** Creates the host's lease rows 0 … concurrency-1 (free) where they are missing. */
export async function ensureHostLeaseSlots(db: Database, host: string, concurrency: number): Promise<void> {
  await db.execute(
    sql`INSERT INTO host_leases (host, slot, holder, lease_until)
        SELECT ${host}, slot, NULL, now() FROM generate_series(0, ${concurrency - 1}::int) AS slot
        ON CONFLICT (host, slot) DO NOTHING`,
  );
}

export interface HostTurnClaim {
  host: string;
  /** Lease rows 0 … concurrency-1 count; rows above (a lowered setting) are left alone. */
  concurrency: number;
  /** Gap this request leaves before the next start on the host (the slower of rate and Crawl-delay). */
  intervalMs: number;
  /** How long the lease lasts after the request's start time: request timeout plus a margin. */
  leaseMs: number;
  /** Who holds the lease (unique per request: release only ever frees one's own). */
  holder: string;
}

export interface ClaimedHostTurn {
  slot: number;
  /** How long to wait for the reserved start time (database clock), 0 when it is now. */
  waitMs: number;
}

/**
 * Takes a free lease of the host and reserves the next start slot, in one statement; null when
 * every lease is taken (nothing is reserved then). A free lease is one released or expired;
 * SKIP LOCKED lets concurrent claims pass each other instead of queueing on one row.
 */
export async function claimHostTurn(db: Database, request: HostTurnClaim): Promise<ClaimedHostTurn | null> {
  const { host, concurrency, intervalMs, leaseMs, holder } = request;
  const rows = await queryRows<{ slot: number; wait_ms: number | string }>(
    db,
    sql`WITH free AS (
          SELECT host, slot FROM host_leases
           WHERE host = ${host} AND slot < ${concurrency}::int AND lease_until <= now()
           ORDER BY slot LIMIT 1
           FOR UPDATE SKIP LOCKED
        ), reserved AS (
          INSERT INTO host_budgets AS b (host, next_slot_at, updated_at)
          SELECT host, now() + ${millis(intervalMs)}, now() FROM free
          ON CONFLICT (host) DO UPDATE
             SET next_slot_at = greatest(b.next_slot_at, now()) + ${millis(intervalMs)}, updated_at = now()
          RETURNING b.next_slot_at - ${millis(intervalMs)} AS start_at
        ), leased AS (
          UPDATE host_leases AS l SET holder = ${holder}, lease_until = reserved.start_at + ${millis(leaseMs)}
            FROM free, reserved
           WHERE l.host = free.host AND l.slot = free.slot
          RETURNING l.slot, reserved.start_at
        )
        SELECT slot, greatest(0, extract(epoch FROM start_at - now()) * 1000)::float8 AS wait_ms FROM leased`,
  );
  const row = rows[0];
  return row ? { slot: Number(row.slot), waitMs: Number(row.wait_ms) } : null;
}

/**
 * Reserves a new start slot for a lease this holder still has (its request woke too late for the
 * old one), moving the lease's end along; null when the lease is no longer this holder's.
 */
export async function reserveAnotherSlot(db: Database, request: HostTurnClaim & { slot: number }): Promise<number | null> {
  const { host, slot, intervalMs, leaseMs, holder } = request;
  const rows = await queryRows<{ wait_ms: number | string }>(
    db,
    sql`WITH mine AS (
          SELECT host, slot FROM host_leases
           WHERE host = ${host} AND slot = ${slot}::int AND holder = ${holder} AND lease_until > now()
           FOR UPDATE
        ), reserved AS (
          INSERT INTO host_budgets AS b (host, next_slot_at, updated_at)
          SELECT host, now() + ${millis(intervalMs)}, now() FROM mine
          ON CONFLICT (host) DO UPDATE
             SET next_slot_at = greatest(b.next_slot_at, now()) + ${millis(intervalMs)}, updated_at = now()
          RETURNING b.next_slot_at - ${millis(intervalMs)} AS start_at
        ), leased AS (
          UPDATE host_leases AS l SET lease_until = reserved.start_at + ${millis(leaseMs)}
            FROM mine, reserved
           WHERE l.host = mine.host AND l.slot = mine.slot
          RETURNING reserved.start_at
        )
        SELECT greatest(0, extract(epoch FROM start_at - now()) * 1000)::float8 AS wait_ms FROM leased`,
  );
  return rows[0] ? Number(rows[0].wait_ms) : null;
}

/** Frees a lease, if this holder still has it (an expired one may belong to someone else by now). */
export async function releaseHostLease(db: Database, host: string, slot: number, holder: string): Promise<void> {
  await db.execute(
    sql`UPDATE host_leases SET holder = NULL, lease_until = now()
         WHERE host = ${host} AND slot = ${slot}::int AND holder = ${holder}`,
  );
}

/** Holds every process's requests to the host for `ms` from now (a Retry-After); never shortens a hold. */
export async function holdHostBudget(db: Database, host: string, ms: number): Promise<void> {
  await db.execute(
    sql`INSERT INTO host_budgets AS b (host, next_slot_at, updated_at) VALUES (${host}, now() + ${millis(ms)}, now())
        ON CONFLICT (host) DO UPDATE SET next_slot_at = greatest(b.next_slot_at, now() + ${millis(ms)}), updated_at = now()`,
  );
}

export interface HostBudgetState {
  /** Milliseconds until the next free start slot (database clock; 0 when free now). */
  nextSlotInMs: number;
  leases: { slot: number; holder: string | null; expiresInMs: number }[];
}

/** The host's budget as it stands, for status output and tests. */
export async function readHostBudget(db: Database, host: string): Promise<HostBudgetState> {
  const [budget] = await queryRows<{ next_in_ms: number | string }>(
    db,
    sql`SELECT greatest(0, extract(epoch FROM next_slot_at - now()) * 1000)::float8 AS next_in_ms FROM host_budgets WHERE host = ${host}`,
  );
  const leases = await queryRows<{ slot: number; holder: string | null; expires_in_ms: number | string }>(
    db,
    sql`SELECT slot, holder, greatest(0, extract(epoch FROM lease_until - now()) * 1000)::float8 AS expires_in_ms
          FROM host_leases WHERE host = ${host} ORDER BY slot`,
  );
  return {
    nextSlotInMs: budget ? Number(budget.next_in_ms) : 0,
    leases: leases.map((l) => ({ slot: Number(l.slot), holder: l.holder, expiresInMs: Number(l.expires_in_ms) })),
  };
}
