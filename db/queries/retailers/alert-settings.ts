// How a retailer account wants its alerts (kinds, mail, a signed webhook, the daily digest) and its
// recent announcements. The webhook's signing secret: webhook-secret.ts.
import { desc, eq } from 'drizzle-orm';
import type { Database } from '../../client.ts';
import {
  RETAILER_ALERT_KINDS,
  retailerAlertEvents,
  retailerAlertSettings,
  type RetailerAlertEvent,
  type RetailerAlertKind,
} from '../../retailers-schema.ts';
import { newSalt } from '../alerts/tokens.ts';

export interface RetailerAlertPreferences {
  kinds: RetailerAlertKind[];
  email: boolean;
  /** Also POST each alert here, signed (null: none). */
  webhookUrl: string | null;
  dailyDigest: boolean;
}

/** What an account gets before it saved anything: every kind by mail, no webhook, the daily digest. */
export const DEFAULT_ALERT_PREFERENCES: Readonly<RetailerAlertPreferences> = Object.freeze({
  kinds: [...RETAILER_ALERT_KINDS],
  email: true,
  webhookUrl: null,
  dailyDigest: true,
});

/** The account's settings, or the defaults (saved: false) when it has none yet. */
export async function getAlertSettings(db: Database, accountId: number): Promise<RetailerAlertPreferences & { saved: boolean }> {
  const [row] = await db.select().from(retailerAlertSettings).where(eq(retailerAlertSettings.accountId, accountId));
  if (!row) return { ...DEFAULT_ALERT_PREFERENCES, kinds: [...DEFAULT_ALERT_PREFERENCES.kinds], saved: false };
  return { kinds: row.kinds, email: row.email, webhookUrl: row.webhookUrl, dailyDigest: row.dailyDigest, saved: true };
}

function checkPreferences(input: RetailerAlertPreferences): RetailerAlertPreferences {
  const unknown = input.kinds.filter((kind) => !(RETAILER_ALERT_KINDS as readonly string[]).includes(kind));
  if (unknown.length > 0) throw new TypeError(`Expected alert kinds among ${RETAILER_ALERT_KINDS.join(', ')}, got ${JSON.stringify(unknown)}`);
  let webhookUrl: string | null = null;
  if (input.webhookUrl !== null && input.webhookUrl.trim() !== '') {
    let url: URL;
    try {
      url = new URL(input.webhookUrl.trim());
    } catch (error) {
      throw new TypeError(`Expected the webhook address to be an http(s) URL, got ${JSON.stringify(input.webhookUrl.slice(0, 200))}`, { cause: error });
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new TypeError(`Expected the webhook address to be an http(s) URL, got ${JSON.stringify(input.webhookUrl.slice(0, 200))}`);
    }
    webhookUrl = url.toString();
  }
  // In the schema's order, once each.
  const kinds = RETAILER_ALERT_KINDS.filter((kind) => input.kinds.includes(kind));
  return { kinds, email: Boolean(input.email), webhookUrl, dailyDigest: Boolean(input.dailyDigest) };
}

/** Saves the account's settings; the first save creates the row with a random webhook salt, later ones keep it. */
export async function saveAlertSettings(db: Database, accountId: number, input: RetailerAlertPreferences, now = new Date()): Promise<RetailerAlertPreferences> {
  const checked = checkPreferences(input);
  await db
    .insert(retailerAlertSettings)
    .values({ accountId, ...checked, webhookSalt: newSalt(), updatedAt: now })
    .onConflictDoUpdate({ target: retailerAlertSettings.accountId, set: { ...checked, updatedAt: now } });
  return checked;
}

/** The account's announcements, newest first. */
export async function listRetailerEvents(db: Database, accountId: number, limit = 50): Promise<RetailerAlertEvent[]> {
  return db
    .select()
    .from(retailerAlertEvents)
    .where(eq(retailerAlertEvents.accountId, accountId))
    .orderBy(desc(retailerAlertEvents.createdAt), desc(retailerAlertEvents.id))
    .limit(Math.max(1, Math.min(limit, 500)));
}
