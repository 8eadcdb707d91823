// After positions are refreshed: what the changes announce to the retailers claiming those stores,
// recorded once per account with its mail and webhook call queued in the outbox (crawlers/alerts/
// dispatch.ts delivers them, webhooks signed with the account's secret).
import type { Database } from '../../../db/client.ts';
import { publicSiteUrl } from '../../../db/queries/alerts/tokens.ts';
import { recordRetailerAlerts, storeNames, type RetailerAlertDecision } from '../../../db/queries/retailers/alert-events.ts';
import { decideRetailerAlerts, type PositionChange } from './decide.ts';
import { retailerAlertEmail, retailerAlertWebhook } from './messages.ts';

export interface RetailerAlertSummary {
  /** Position changes looked at. */
  changes: number;
  /** Announcements decided, before knowing who claims the stores. */
  decided: number;
  /** Events newly recorded (one per account and key). */
  announced: number;
}

export async function evaluateRetailerAlerts(db: Database, changes: readonly PositionChange[], now = new Date()): Promise<RetailerAlertSummary> {
  const decisions: RetailerAlertDecision[] = changes.flatMap((change) => decideRetailerAlerts(change, now));
  if (decisions.length === 0) return { changes: changes.length, decided: 0, announced: 0 };
  const names = await storeNames(
    db,
    decisions.map((decision) => decision.details.competitorStoreId).filter((id): id is string => typeof id === 'string'),
  );
  for (const decision of decisions) {
    const id = decision.details.competitorStoreId;
    decision.details = { ...decision.details, competitorStoreName: typeof id === 'string' ? (names.get(id) ?? id) : null };
  }
  const base = publicSiteUrl();
  const created = await recordRetailerAlerts(db, decisions, { email: (event) => retailerAlertEmail(event, base), webhook: (event) => retailerAlertWebhook(event, base) }, now);
  return { changes: changes.length, decided: decisions.length, announced: created.length };
}
