// Delivers the outbox: email through nodemailer over SMTP_URL (or kept in the local outbox when
// none is set), webhooks as signed POSTs (with the follower's secret, or the retailer account's).
// Failures retry with backoff, then are given up visibly.
// At least once per message: a sender that dies after sending and before recording it sends again
// once its lease passes; mail carries a stable Message-ID and webhooks an id, so receivers can tell.
import { createHmac } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import nodemailer, { type Transporter } from 'nodemailer';
import { environmentSection } from '../../config/environment.ts';
import type { Database } from '../../db/client.ts';
import { isUnrendered, type EmailPayload, type OutboxMessage, type WebhookPayload } from '../../db/alerts-schema.ts';
import { claimDueMessages, getEventForDelivery, markMessageFailed, markMessageSent, storeRenderedPayload } from '../../db/queries/alerts/outbox.ts';
import { getFollower } from '../../db/queries/alerts/follows.ts';
import { publicSiteUrl, siteKey, webhookSecret } from '../../db/queries/alerts/tokens.ts';
import { retailerWebhookSecret } from '../../db/queries/retailers/webhook-secret.ts';
import { alertEmail, alertWebhook } from './messages.ts';
import { guardedLookup } from '../core/address-guard.ts';
import { logger as rootLogger, type Logger } from '../logger.ts';

/** Waits after the 1st, 2nd… failed attempt; after the last, the message is given up. */
export const RETRY_DELAYS_MS = [30_000, 120_000, 600_000, 3_600_000, 6 * 3_600_000] as const;

export interface DispatcherOptions {
  db: Database;
  /** SMTP server URL; default SMTP_URL; unset = the local outbox. */
  smtpUrl?: string;
  from?: string;
  /** host:port pairs on private addresses webhooks may reach (default TULNA_WEBHOOK_ALLOWED_HOSTS). */
  allowedPrivateHosts?: string[];
  retryDelaysMs?: readonly number[];
  /** How often to look for due messages (default 2 s). */
  intervalMs?: number;
  webhookTimeoutMs?: number;
  logger?: Logger;
}

export interface Dispatcher {
  /** Sends what is due now; resolves with how many were handled. */
  runOnce(now?: Date): Promise<number>;
  stop(): Promise<void>;
}

/** "t=<unix seconds>,v1=<hex HMAC-SHA256 of `<t>.<body>`>": a receiver recomputes it and refuses old timestamps. */
export function signWebhook(secret: string, body: string, at = new Date()): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

function postWebhook(url: URL, body: string, headers: Record<string, string>, options: { allowPrivate: boolean; timeoutMs: number }): Promise<number> {
  return new Promise((resolve, reject) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), 'User-Agent': 'Tulna-Webhooks/1', ...headers },
        timeout: options.timeoutMs,
        ...(options.allowPrivate ? {} : { lookup: guardedLookup as never }),
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${options.timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

export function startDispatcher(options: DispatcherOptions): Dispatcher {
  const env = environmentSection('alerts');
  const smtpUrl = options.smtpUrl ?? env.SMTP_URL;
  const from = options.from ?? env.TULNA_MAIL_FROM;
  const allowed = new Set((options.allowedPrivateHosts ?? env.TULNA_WEBHOOK_ALLOWED_HOSTS).map((host) => host.toLowerCase()));
  const delays = options.retryDelaysMs ?? RETRY_DELAYS_MS;
  const log = (options.logger ?? rootLogger).child({ component: 'alert-dispatch' });
  const transport: Transporter | null = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  const { db } = options;

  const sendEmail = async (message: OutboxMessage): Promise<string> => {
    if (!transport) return 'local outbox';
    const payload = message.payload as EmailPayload;
    await transport.sendMail({
      from,
      to: message.destination,
      subject: payload.subject,
      text: payload.text,
      html: payload.html,
      headers: payload.headers,
      messageId: `<outbox-${message.id}.${message.dedupeKey.replace(/[^A-Za-z0-9.-]/g, '-')}@tulna>`,
    });
    return 'smtp';
  };

  /** A follower's webhook is signed with the follower's secret; a retailer account's (no follower) with the account's. */
  const webhookSigningSecret = async (message: OutboxMessage): Promise<string> => {
    if (message.followerId === null && message.accountId !== null) {
      const secret = await retailerWebhookSecret(db, message.accountId);
      if (!secret) throw new Error(`account ${message.accountId} behind this webhook has no alert settings`);
      return secret;
    }
    const follower = message.followerId === null ? undefined : await getFollower(db, message.followerId);
    if (!follower) throw new Error('the follower behind this webhook is gone');
    return webhookSecret(await siteKey(db), follower.id, follower.tokenSalt);
  };

  const sendWebhook = async (message: OutboxMessage): Promise<string> => {
    const url = new URL(message.destination);
    const secret = await webhookSigningSecret(message);
    const { body } = message.payload as WebhookPayload;
    const status = await postWebhook(url, body, { 'Tulna-Signature': signWebhook(secret, body), 'Tulna-Delivery': String(message.id) }, {
      allowPrivate: allowed.has(url.host.toLowerCase()),
      timeoutMs: options.webhookTimeoutMs ?? 10_000,
    });
    if (status < 200 || status >= 300) throw new Error(`the receiver answered HTTP ${status}`);
    return `webhook ${status}`;
  };

  /** An announcement's message is rendered on its first attempt and stored, so retries send the same bytes. */
  const rendered = async (message: OutboxMessage): Promise<OutboxMessage> => {
    if (!isUnrendered(message.payload)) return message;
    const found = message.eventId !== null && message.followerId !== null ? await getEventForDelivery(db, message.eventId, message.followerId) : undefined;
    if (!found) throw new Error(`the announcement behind outbox message ${message.id} is gone`);
    const base = publicSiteUrl();
    const payload = message.channel === 'email' ? alertEmail(found.event, found.follower, await siteKey(db), base) : alertWebhook(found.event, base);
    await storeRenderedPayload(db, message.id, payload);
    return { ...message, payload };
  };

  const handle = async (claimed: OutboxMessage, now: Date) => {
    let message = claimed;
    try {
      message = await rendered(claimed);
      const via = message.channel === 'email' ? await sendEmail(message) : await sendWebhook(message);
      await markMessageSent(db, message.id, via);
    } catch (error) {
      const delay = delays[message.attempts - 1];
      const reason = `${message.channel} to ${message.destination.slice(0, 200)} failed (attempt ${message.attempts}): ${(error as Error).message}`;
      await markMessageFailed(db, message.id, reason, delay === undefined ? null : new Date(now.getTime() + delay));
      log.warn({ outbox: message.id, attempts: message.attempts, givenUp: delay === undefined }, reason);
    }
  };

  const runOnce = async (now = new Date()) => {
    const due = await claimDueMessages(db, { now });
    for (const message of due) await handle(message, now);
    return due.length;
  };

  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  // intervalMs 0: no timer, the caller runs runOnce() itself (tests, benchmarks).
  const timer =
    options.intervalMs === 0
      ? undefined
      : setInterval(() => {
          running = running.then(() => (stopped ? 0 : runOnce())).catch((error) => log.error({ err: error }, 'outbox delivery failed'));
        }, options.intervalMs ?? 2_000);
  timer?.unref();
  return {
    runOnce: (now) => (running = running.then(() => runOnce(now))) as Promise<number>,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running.catch(() => {});
      transport?.close();
    },
  };
}
