// The retailers' daily digest: one mail per account and day (the outbox's dedupe key makes a second
// run, or a second process, add nothing), with its stores' positions in figures and its biggest gaps.
import { Cron } from 'croner';
import type { Database } from '../../../db/client.ts';
import { publicSiteUrl } from '../../../db/queries/alerts/tokens.ts';
import { dayStart, listDigestRecipients, loadDigest, queueDigest } from '../../../db/queries/retailers/alert-events.ts';
import { logger as rootLogger, type Logger } from '../../logger.ts';
import { digestEmail } from './messages.ts';

export interface DigestSummary {
  /** Accounts due a digest for the day (wanting one, with a live claim, none queued yet). */
  accounts: number;
  /** Digests queued by this run. */
  queued: number;
}

/** Queues the day's ("YYYY-MM-DD") digest for every account due one; idempotent per day. */
export async function queueDailyDigests(db: Database, day: string, now = new Date()): Promise<DigestSummary> {
  dayStart(day);
  const recipients = await listDigestRecipients(db, day);
  const base = publicSiteUrl();
  let queued = 0;
  for (const recipient of recipients) {
    const digest = await loadDigest(db, recipient, day);
    if (await queueDigest(db, recipient, day, digestEmail(digest, base), now)) queued += 1;
  }
  return { accounts: recipients.length, queued };
}

export interface DigestScheduleOptions {
  db: Database;
  /** The UTC hour the digests go out (default 7). */
  hour?: number;
  /**
   * Also queue today's digests at start when the hour has passed (default true): a process that was
   * down at the hour still sends them, and a day already sent adds nothing.
   */
  catchUp?: boolean;
  logger?: Logger;
}

/** Queues the digests every day at `hour` UTC (croner; `protect` skips a tick while one runs); returns a stop function. */
export function startDigestSchedule(options: DigestScheduleOptions): () => Promise<void> {
  const hour = options.hour ?? 7;
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new TypeError(`Expected hour to be a whole number from 0 to 23, got ${String(options.hour)}`);
  const log = (options.logger ?? rootLogger).child({ component: 'retailer-digest' });
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    const now = new Date();
    const day = now.toISOString().slice(0, 10);
    running = running
      .then(() => queueDailyDigests(options.db, day, now))
      .then((summary) => log.info({ day, ...summary }, 'retailer digests queued'))
      .catch((error: unknown) => log.error({ err: error, day }, 'queuing the retailer digests failed'));
    return running;
  };
  const job = new Cron(`0 0 ${hour} * * *`, { name: 'retailer-digest', timezone: 'UTC', protect: true, catch: true }, async () => {
    await run();
  });
  if ((options.catchUp ?? true) && new Date().getUTCHours() >= hour) void run();
  return async () => {
    job.stop();
    await running;
  };
}
