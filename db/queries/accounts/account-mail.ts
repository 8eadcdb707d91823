// Mail to an account (password reset links, later notices): queued in the outbox like every
// message Tulna sends, with the account's id, delivered by crawlers/alerts/dispatch.ts.
import type { Database } from '../../client.ts';
import { outbox, type EmailPayload } from '../../alerts-schema.ts';

export interface AccountEmail {
  accountId: number;
  /** The address it goes to: the account's email. */
  destination: string;
  /** One message per cause ("reset:<reset id>"): queuing the same key twice sends once. */
  dedupeKey: string;
  payload: EmailPayload;
}

/** Queues the mail; false when a message with its dedupe key was queued already. */
export async function queueAccountEmail(db: Database, mail: AccountEmail): Promise<boolean> {
  const queued = await db
    .insert(outbox)
    .values({ channel: 'email', dedupeKey: mail.dedupeKey, destination: mail.destination, payload: mail.payload, accountId: mail.accountId })
    .onConflictDoNothing({ target: outbox.dedupeKey })
    .returning({ id: outbox.id });
  return queued.length > 0;
}
