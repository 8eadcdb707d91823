// What an announcement says: the email (with one-click unsubscribe, RFC 8058) and the webhook body.
import type { AlertEvent, EmailPayload, WebhookPayload } from '../../db/alerts-schema.ts';
import type { FollowState, QueuedMessage } from '../../db/queries/alerts/evaluation.ts';
import { followerLinks } from '../../db/queries/alerts/tokens.ts';
import { eventHeadline } from '../../domain/alert-headline.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function alertEmail(event: AlertEvent, follower: { id: number; tokenSalt: string }, key: string, base: string): EmailPayload {
  const links = followerLinks(key, follower, base);
  const product = `${base}/p/${event.productId}`;
  const headline = eventHeadline(event);
  const delivery = event.deliveryMaxDays === null ? '' : `Delivery within ${event.deliveryMaxDays} day(s).\n`;
  return {
    subject: headline.slice(0, 180),
    text: `${headline}\n${delivery}\nSee every store's price: ${product}\n\nYour alerts: ${links.manage}\nYour alert feed: ${links.feed}\nUnsubscribe: ${links.unsubscribe}\n`,
    html: `<p>${escapeHtml(headline)}</p>${delivery ? `<p>${escapeHtml(delivery)}</p>` : ''}<p><a href="${escapeHtml(product)}">See every store's price</a></p><p><a href="${escapeHtml(links.manage)}">Your alerts</a> · <a href="${escapeHtml(links.unsubscribe)}">Unsubscribe</a></p>`,
    headers: { 'List-Unsubscribe': `<${links.unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  };
}

export function alertWebhook(event: AlertEvent, base: string): WebhookPayload {
  return {
    body: JSON.stringify({
      type: `alert.${event.kind}`,
      id: `alert_${event.id}`,
      createdAt: event.createdAt.toISOString(),
      product: { id: event.productId, title: event.title, url: `${base}/p/${event.productId}` },
      offer: event.storeId ? { store: event.storeId, storeName: event.storeName, total: event.total, currency: event.currency, deliveryMaxDays: event.deliveryMaxDays } : null,
      dropPercent: event.dropPercent,
      referenceTotal: event.referenceTotal,
      message: eventHeadline(event),
    }),
  };
}

/** The messages of one new event, as references rendered at delivery: an email, and a webhook call when the follow has one. */
export function messagesFor(state: FollowState): QueuedMessage[] {
  const messages: QueuedMessage[] = [{ channel: 'email', destination: state.email, payload: { render: 'alert' } }];
  if (state.webhookUrl) messages.push({ channel: 'webhook', destination: state.webhookUrl, payload: { render: 'alert' } });
  return messages;
}
