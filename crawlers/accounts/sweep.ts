// Hourly housekeeping of the accounts' secrets: expired sessions and spent or expired reset links
// are deleted. They open nothing already (every check looks at the expiry); this keeps the tables
// from growing with every login.
import { Cron } from 'croner';
import type { Database } from '../../db/client.ts';
import { deleteStaleResets } from '../../db/queries/accounts/password-resets.ts';
import { deleteExpiredSessions } from '../../db/queries/accounts/sessions.ts';
import { logger as rootLogger, type Logger } from '../logger.ts';

/** Reset links stay a day after they end: the per-hour limit on new links counts them. */
const RESET_KEEP_MS = 86_400_000;

export async function sweepAccountSecrets(db: Database, now = new Date()): Promise<{ sessions: number; resets: number }> {
  const sessions = await deleteExpiredSessions(db, now);
  const resets = await deleteStaleResets(db, new Date(now.getTime() - RESET_KEEP_MS));
  return { sessions, resets };
}

/** Runs the sweep at minute 17 of every hour; returns its stop. */
export function startAccountSweep(options: { db: Database; logger?: Logger }): () => void {
  const log = (options.logger ?? rootLogger).child({ component: 'account-sweep' });
  const job = new Cron('0 17 * * * *', { name: 'account-sweep', protect: true, catch: true }, async () => {
    try {
      const swept = await sweepAccountSecrets(options.db);
      if (swept.sessions + swept.resets > 0) log.info(swept, 'deleted expired sessions and reset links');
    } catch (error) {
      log.warn({ err: error }, 'account sweep failed; the next hour retries');
    }
  });
  return () => job.stop();
}
