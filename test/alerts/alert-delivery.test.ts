// Deal alerts end to end, on both databases: real crawls of a store on 127.0.0.1 whose prices the
// test moves, a real SMTP server and a real webhook receiver. Each change is announced once, never
// from a misread or failed crawl, again after re-arming, and not at all after unsubscribing.
import { createHmac } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateAlerts } from '../../crawlers/alerts/evaluate.ts';
import { startDispatcher, type Dispatcher } from '../../crawlers/alerts/dispatch.ts';
import { createCrawlPipeline } from '../../crawlers/run/pipeline.ts';
import { queryRows, openDatabase, type Database } from '../../db/client.ts';
import { confirmFollow, createPendingFollow, unsubscribeFollower } from '../../db/queries/alerts/follows.ts';
import { siteKey, webhookSecret } from '../../db/queries/alerts/tokens.ts';
import { openTestDatabase, testDrivers, type TestDbHandle } from '../helpers/db.ts';
import { startMailSink, startWebhookReceiver, type MailSink, type WebhookReceiver } from '../helpers/mail-sink.ts';
import { testStore } from '../crawlers/run/crawl-fixture.ts';
import { startSwitchableStore, type SwitchableStore } from '../crawlers/run/switchable-store.ts';

const noMail = () => ({ subject: 'confirm', text: 'confirm' });

async function productOf(db: Database, n: number): Promise<number> {
  const [row] = await queryRows<{ product_id: string | number }>(db, sql`SELECT product_id FROM listings WHERE url LIKE ${`%/product/${n}`}`);
  return Number(row.product_id);
}

async function events(db: Database): Promise<{ follow_id: number; event_key: string; total: string }[]> {
  return queryRows(db, sql`SELECT follow_id::int, event_key, total::text FROM alert_events ORDER BY id`);
}

describe.each(testDrivers)('deal alerts end to end, on %s', (driver) => {
  let handle: TestDbHandle;
  let store: SwitchableStore;
  let smtp: MailSink;
  let hook: WebhookReceiver;
  let dispatcher: Dispatcher;
  let crawl: () => Promise<void>;

  beforeAll(async () => {
    [handle, store, smtp, hook] = await Promise.all([openTestDatabase(driver), startSwitchableStore(4), startMailSink(), startWebhookReceiver()]);
    const config = testStore(store.url, { demo: true });
    crawl = async () => {
      // A new pipeline each time: as after a restart, nothing is remembered in memory.
      const pipeline = createCrawlPipeline({ db: handle.db, stores: [config], unlimited: true });
      try {
        await pipeline.crawl(config);
      } finally {
        await pipeline.close();
      }
    };
    dispatcher = startDispatcher({ db: handle.db, smtpUrl: smtp.url, allowedPrivateHosts: [hook.host], retryDelaysMs: [0, 0], intervalMs: 0 });
    await crawl();
    await crawl(); // first prices are believed once seen again
  }, 60_000);
  afterAll(async () => {
    await dispatcher?.stop();
    await Promise.all([handle?.close(), store?.close(), smtp?.close(), hook?.close()]);
  });

  it('announces a crossed target once by mail, feed event and signed webhook; re-crawls and restarts add nothing', async () => {
    const productId = await productOf(handle.db, 1);
    const { follow, follower } = await createPendingFollow(
      handle.db,
      { email: 'asha@example.com', productId, kind: 'target', currency: 'INR', targetPrice: '950', webhookUrl: hook.url },
      noMail,
    );
    // Unconfirmed follows announce nothing.
    store.prices.set(1, 940);
    await crawl();
    expect(await events(handle.db)).toEqual([]);
    await confirmFollow(handle.db, follow.id);
    // A follow confirmed while the price is already past its target is judged at the next change or
    // confirmation of its product's prices; here, as that evaluation would:
    await evaluateAlerts(handle.db, [Number((await queryRows<{ id: number }>(handle.db, sql`SELECT id FROM listings WHERE url LIKE '%/product/1'`))[0].id)]);
    expect(await events(handle.db)).toEqual([{ follow_id: follow.id, event_key: 'target:0', total: '940.0000' }]);

    await crawl();
    await crawl();
    expect((await events(handle.db)).length).toBe(1);

    await dispatcher.runOnce();
    const alertMails = smtp.mails.filter((mail) => !/Subject: confirm/.test(mail.raw));
    expect(alertMails.length).toBe(1);
    expect(alertMails[0].to).toEqual(['asha@example.com']);
    expect(alertMails[0].raw).toMatch(/List-Unsubscribe:\s+<http:\/\/[^>]+\/alerts\/unsubscribe\/\d+\.[A-Za-z0-9_-]{43}>/);
    expect(alertMails[0].raw).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    expect(hook.calls.length).toBe(1);
    const [call] = hook.calls;
    const signature = String(call.headers['tulna-signature']);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature) ?? [];
    const secret = webhookSecret(await siteKey(handle.db), follower.id, follower.tokenSalt);
    expect(createHmac('sha256', secret).update(`${t}.${call.body}`).digest('hex')).toBe(v1);
    expect(JSON.parse(call.body)).toMatchObject({ type: 'alert.target', product: { id: productId }, offer: { total: '940.0000', currency: 'INR' } });
    expect(await dispatcher.runOnce()).toBe(0);
    expect(hook.calls.length).toBe(1);
  });

  it('re-arms only once the price went back above the target plus the margin, then fires again once', async () => {
    store.prices.set(1, 960); // above 950 but within 2 %: stays disarmed
    await crawl();
    store.prices.set(1, 945);
    await crawl();
    expect((await events(handle.db)).length).toBe(1);
    store.prices.set(1, 1000); // above 969: re-armed
    await crawl();
    store.prices.set(1, 930);
    await crawl();
    expect((await events(handle.db)).map((event) => event.event_key)).toEqual(['target:0', 'target:1']);
  });

  it('fires nothing from a misread price or a failing crawl, and waits for a second reading of a deep drop', async () => {
    const productId = await productOf(handle.db, 2);
    const { follow } = await createPendingFollow(handle.db, { email: 'ravi@example.com', productId, kind: 'target', currency: 'INR', targetPrice: '500' }, noMail);
    await confirmFollow(handle.db, follow.id);
    const before = (await events(handle.db)).length;
    store.prices.set(2, 5); // a misread: 99 % below
    await crawl();
    store.prices.set(2, 1020); // the next fetch contradicts it
    await crawl();
    store.mode = 'failing';
    await crawl();
    store.mode = 'good';
    expect((await events(handle.db)).length).toBe(before);

    store.prices.set(2, 450); // a real deep drop: believed once seen again
    await crawl();
    expect((await events(handle.db)).length).toBe(before);
    await crawl();
    const fired = (await events(handle.db)).filter((event) => event.follow_id === follow.id);
    expect(fired).toEqual([{ follow_id: follow.id, event_key: 'target:0', total: '450.0000' }]);
  });

  it('sends one alert when two workers evaluate the same batch', async () => {
    const productId = await productOf(handle.db, 3);
    const { follow } = await createPendingFollow(handle.db, { email: 'meera@example.com', productId, kind: 'drop', currency: 'INR', minDropPercent: 5 }, noMail);
    await confirmFollow(handle.db, follow.id);
    store.prices.set(3, 900); // 1030 → 900: −12 % below the 30-day low
    const second = handle.url ? await openDatabase({ databaseUrl: handle.url, migrate: false, maxConnections: 2 }) : undefined;
    try {
      const [listing] = await queryRows<{ id: number }>(handle.db, sql`SELECT id::int FROM listings WHERE url LIKE '%/product/3'`);
      await crawl();
      await Promise.all([evaluateAlerts(handle.db, [listing.id]), evaluateAlerts(second?.db ?? handle.db, [listing.id])]);
    } finally {
      await second?.close();
    }
    const fired = (await events(handle.db)).filter((event) => event.follow_id === follow.id);
    expect(fired.length).toBe(1);
    expect(fired[0].event_key).toMatch(/^drop:\d+$/);
    const [outboxed] = await queryRows<{ n: number }>(handle.db, sql`SELECT count(*)::int AS n FROM outbox WHERE destination = 'meera@example.com' AND dedupe_key LIKE 'alert:%'`);
    expect(outboxed.n).toBe(1);
  });

  it('retries a webhook whose receiver is down, then gives up once with the error on record', async () => {
    await dispatcher.runOnce(); // what earlier tests queued
    hook.down = true;
    const callsBefore = hook.calls.length;
    store.prices.set(1, 1000);
    await crawl(); // re-arms target:1
    store.prices.set(1, 920);
    await crawl(); // target:2
    for (let i = 0; i < 4; i++) await dispatcher.runOnce();
    hook.down = false;
    expect(hook.calls.length - callsBefore).toBe(3);
    const rows = await queryRows<{ status: string; attempts: number; last_error: string }>(
      handle.db,
      sql`SELECT status, attempts, last_error FROM outbox WHERE channel = 'webhook' ORDER BY id DESC LIMIT 1`,
    );
    expect(rows[0]).toMatchObject({ status: 'given_up', attempts: 3 });
    expect(rows[0].last_error).toMatch(/HTTP 500/);
  });

  it('sends nothing more after unsubscribing', async () => {
    const [row] = await queryRows<{ id: number }>(handle.db, sql`SELECT id::int FROM followers WHERE email = 'asha@example.com'`);
    await dispatcher.runOnce();
    const mailsBefore = smtp.mails.length;
    await unsubscribeFollower(handle.db, row.id);
    store.prices.set(1, 1000);
    await crawl();
    store.prices.set(1, 900);
    await crawl();
    await dispatcher.runOnce();
    expect(smtp.mails.length).toBe(mailsBefore);
  });
});
