// The settings page's reads and writes: repricing rules per claimed store, alert preferences,
// the latest announcements. Rules are saved only for a store the account has a claim on.
import { getAlertSettings, listRetailerEvents, saveAlertSettings } from '../../../db/queries/retailers/alert-settings.ts';
import { getRepricingRules, saveRepricingRules } from '../../../db/queries/retailers/repricing-rules.ts';
import { retailerWebhookSecret } from '../../../db/queries/retailers/webhook-secret.ts';
import { getDb } from '../../lib/context.server.ts';
import { scopeStoreIds, storesOf, type AccountRef } from './retailer.server.ts';
import type { AlertsForm, RulesForm } from './settings-form.ts';

export async function settingsPageData(account: AccountRef) {
  const db = await getDb();
  const stores = await storesOf(account);
  const [rules, alerts, events] = await Promise.all([
    Promise.all(stores.map(async (store) => ({ store, rules: await getRepricingRules(db, account.id, store.id) }))),
    getAlertSettings(db, account.id),
    listRetailerEvents(db, account.id, 20),
  ]);
  const webhookSecret = alerts.webhookUrl ? await retailerWebhookSecret(db, account.id) : null;
  return { rules, alerts, events, webhookSecret };
}

/** False when the store is not one of the account's (the page answers 404). */
export async function saveRules(account: AccountRef, form: RulesForm): Promise<boolean> {
  const scope = await scopeStoreIds(account, form.store);
  if (scope === null) return false;
  const { store, ...rules } = form;
  await saveRepricingRules(await getDb(), account.id, store, rules);
  return true;
}

export async function saveAlerts(account: AccountRef, form: AlertsForm): Promise<void> {
  await saveAlertSettings(await getDb(), account.id, form);
}
