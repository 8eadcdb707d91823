// The secret a retailer account's webhooks are signed with: HMAC-SHA256 of the site key over the
// account and its settings' random salt, so none is stored and a new salt would revoke it. Its own
// namespace ("retailer-webhook"), so it never equals the secret of a follower with the same id.
import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Database } from '../../client.ts';
import { retailerAlertSettings } from '../../retailers-schema.ts';
import { siteKey } from '../alerts/tokens.ts';

export function deriveRetailerWebhookSecret(key: string, accountId: number, salt: string): string {
  return `whsec_${createHmac('sha256', key).update(`retailer-webhook:${accountId}:${salt}`).digest('base64url')}`;
}

/** The account's webhook secret, or undefined while it has no alert settings (and so no webhook). */
export async function retailerWebhookSecret(db: Database, accountId: number): Promise<string | undefined> {
  const [row] = await db
    .select({ salt: retailerAlertSettings.webhookSalt })
    .from(retailerAlertSettings)
    .where(eq(retailerAlertSettings.accountId, accountId));
  return row ? deriveRetailerWebhookSecret(await siteKey(db), accountId, row.salt) : undefined;
}
