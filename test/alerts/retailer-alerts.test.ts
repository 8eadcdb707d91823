// Retailer alerts end to end, on both databases: positions before and after a refresh (rows written
// directly, as db/queries/retailers/positions.ts writes them), each announcement recorded once per
// claiming account however often it is evaluated, mail through a real SMTP server, webhooks signed
// with the account's secret to a real receiver, and the daily digest once per day. Also the rules,
// floors and settings the retailer area stores.
import { createHmac } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDispatcher, type Dispatcher } from '../../crawlers/alerts/dispatch.ts';
import type { PositionChange } from '../../crawlers/retailers/alerts/decide.ts';
import { queueDailyDigests, startDigestSchedule } from '../../crawlers/retailers/alerts/digest.ts';
import { evaluateRetailerAlerts } from '../../crawlers/retailers/alerts/evaluate.ts';
import { openDatabase, queryRows, type Database } from '../../db/client.ts';
import { outbox, type EmailPayload, type OutboxMessage } from '../../db/alerts-schema.ts';
import { siteKey } from '../../db/queries/alerts/tokens.ts';
import { getAlertSettings, listRetailerEvents, saveAlertSettings } from '../../db/queries/retailers/alert-settings.ts';
import { floorsFor, getRepricingRules, saveRepricingRules, setListingFloor } from '../../db/queries/retailers/repricing-rules.ts';
import { deriveRetailerWebhookSecret, retailerWebhookSecret } from '../../db/queries/retailers/webhook-secret.ts';
import { accounts, retailerAlertSettings, retailerPositions, storeClaims, type RetailerPosition } from '../../db/retailers-schema.ts';
import { openTestDatabase, testDrivers, type TestDbHandle } from '../helpers/db.ts';
import { startMailSink, startWebhookReceiver, type MailSink, type WebhookReceiver } from '../helpers/mail-sink.ts';
import { seedCatalog } from '../helpers/seed-catalog.ts';

type NewPosition = typeof retailerPositions.$inferInsert;

async function addAccount(db: Database, email: string, claims: [store: string, status: 'pending' | 'verified' | 'granted' | 'revoked'][]): Promise<number> {
  const [account] = await db.insert(accounts).values({ email, passwordHash: 'scrypt$test' }).returning({ id: accounts.id });
  for (const [storeId, status] of claims) {
    await db.insert(storeClaims).values({ accountId: account.id, storeId, status, verificationToken: `token-${email}-${storeId}` });
  }
  return account.id;
}

async function readPosition(db: Database, listingId: number): Promise<RetailerPosition | null> {
  const [row] = await db.select().from(retailerPositions).where(eq(retailerPositions.listingId, listingId));
  return row ?? null;
}

/** Writes the listing's position as a refresh would and returns the change it made. */
async function refresh(db: Database, base: NewPosition, after: Partial<NewPosition>): Promise<PositionChange> {
  const before = await readPosition(db, base.listingId);
  const values = { ...base, ...after, updatedAt: new Date() };
  await db.insert(retailerPositions).values(values).onConflictDoUpdate({ target: retailerPositions.listingId, set: values });
  return { before, after: (await readPosition(db, base.listingId))! };
}

const outboxOf = (db: Database, accountId: number): Promise<OutboxMessage[]> => db.select().from(outbox).where(eq(outbox.accountId, accountId)).orderBy(outbox.id);

/** The mail's quoted-printable parts as text (soft line breaks joined, =XX bytes decoded). */
const quotedPrintable = (raw: string) =>
  Buffer.from(raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');

const verifySignature = (secret: string, signature: string, body: string) => {
  const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature) ?? [];
  return createHmac('sha256', secret).update(`${t}.${body}`).digest('hex') === v1;
};

describe.each(testDrivers)('retailer alerts end to end, on %s', (driver) => {
  let handle: TestDbHandle;
  let db: Database;
  let smtp: MailSink;
  let hook: WebhookReceiver;
  let dispatcher: Dispatcher;
  let kettle: { mine: number; rival: number; other: number };
  let toaster: { mine: number; rival: number };
  let shop: number;
  let outsider: number;
  let pending: number;
  const kettlePosition = (): NewPosition => ({
    listingId: kettle.mine,
    storeId: 'mine',
    productId: null,
    title: 'Kettle <b>"Pro"</b> & co',
    currency: 'EUR',
    ownPrice: '20',
    ownShipping: '0',
    ownTotal: '20',
    ownBuyable: true,
    ownDeliveryDays: 3,
    competitors: 2,
    competitorsOutOfStock: 0,
    competitorsPending: 0,
    cheapestListingId: kettle.rival,
    cheapestStoreId: 'rival',
    cheapestTotal: '21',
    medianTotal: '21.5',
    rank: 1,
    gap: '-1',
    gapPercent: -4.8,
    fastestCompetitorDays: 4,
  });
  const undercut = { rank: 2, cheapestTotal: '18.50', gap: '1.50', gapPercent: 8.1 } as const;

  beforeAll(async () => {
    [handle, smtp, hook] = await Promise.all([openTestDatabase(driver), startMailSink(), startWebhookReceiver()]);
    db = handle.db;
    const catalog = await seedCatalog(db, [
      { key: 'kettle', title: 'Kettle', listings: [{ store: 'mine', price: '20' }, { store: 'rival', price: '21' }, { store: 'other', price: '22' }] },
      { key: 'toaster', title: 'Toaster', listings: [{ store: 'mine', price: '30' }, { store: 'rival', price: '25' }] },
    ]);
    const [k, t] = [catalog.listingIds.kettle, catalog.listingIds.toaster];
    kettle = { mine: k[0], rival: k[1], other: k[2] };
    toaster = { mine: t[0], rival: t[1] };
    shop = await addAccount(db, 'shop@mine.example', [['mine', 'verified']]);
    outsider = await addAccount(db, 'nosy@rival.example', [['rival', 'granted']]);
    pending = await addAccount(db, 'hopeful@example.com', [['mine', 'pending']]);
    await addAccount(db, 'former@example.com', [['mine', 'revoked']]);
    dispatcher = startDispatcher({ db, smtpUrl: smtp.url, allowedPrivateHosts: [hook.host], retryDelaysMs: [0, 0], intervalMs: 0 });
    // The first computation: announces nothing, however it looks.
    expect(await evaluateRetailerAlerts(db, [await refresh(db, kettlePosition(), {})])).toMatchObject({ changes: 1, announced: 0 });
    await refresh(db, { ...kettlePosition(), listingId: toaster.mine, title: 'Toaster', ownPrice: '30', ownTotal: '30', cheapestListingId: toaster.rival, cheapestTotal: '25', rank: 2, gap: '5', gapPercent: 20, competitors: 1 }, {});
  }, 60_000);
  afterAll(async () => {
    await dispatcher?.stop();
    await Promise.all([handle?.close(), smtp?.close(), hook?.close()]);
  });

  it('announces an undercut once to the claiming account, however often and by however many workers it is evaluated', async () => {
    const change = await refresh(db, kettlePosition(), undercut);
    const second = handle.url ? await openDatabase({ databaseUrl: handle.url, migrate: false, maxConnections: 2 }) : undefined;
    try {
      const runs = await Promise.all([evaluateRetailerAlerts(db, [change]), evaluateRetailerAlerts(second?.db ?? db, [change])]);
      expect(runs.map((run) => run.announced).sort()).toEqual([0, 1]);
      expect(await evaluateRetailerAlerts(db, [change])).toMatchObject({ decided: 1, announced: 0 });
    } finally {
      await second?.close();
    }
    // A refresh that changes nothing else keeps the undercut as it was: nothing new either.
    expect((await evaluateRetailerAlerts(db, [await refresh(db, kettlePosition(), undercut)])).announced).toBe(0);

    const events = await listRetailerEvents(db, shop, 10);
    expect(events.map((event) => [event.kind, event.listingId])).toEqual([['undercut', kettle.mine]]);
    expect(events[0].details).toMatchObject({ cheapestTotal: '18.5', competitorStoreId: 'rival', competitorStoreName: 'RIVAL', ownTotal: '20' });
    // Not the account claiming another store, nor pending or revoked claims.
    expect(await listRetailerEvents(db, outsider, 10)).toEqual([]);
    expect(await listRetailerEvents(db, pending, 10)).toEqual([]);
    const [{ n }] = await queryRows<{ n: number }>(db, sql`SELECT count(*)::int AS n FROM retailer_alert_events`);
    expect(n).toBe(1);

    const messages = await outboxOf(db, shop);
    expect(messages.map((m) => [m.channel, m.destination, m.dedupeKey])).toEqual([['email', 'shop@mine.example', `retailer:${events[0].id}:email`]]);
    const mail = messages[0].payload as EmailPayload;
    expect(mail.subject).toBe('RIVAL undercuts you on Kettle <b>"Pro"</b> & co: €18.50 against your €20.00 (€1.50 less, 8.1 %)');
    expect(mail.text).toContain(`/retailer/listings/${kettle.mine}`);
    expect(mail.html).toContain('Kettle &#60;b&#62;&#34;Pro&#34;&#60;/b&#62; &#38; co');
    expect(mail.html).not.toContain('<b>');
  });

  it('delivers the mail through SMTP once', async () => {
    const before = smtp.mails.length;
    await dispatcher.runOnce();
    const mails = smtp.mails.slice(before);
    expect(mails.map((mail) => mail.to)).toEqual([['shop@mine.example']]);
    const decoded = quotedPrintable(mails[0].raw);
    expect(decoded).toContain(`RIVAL undercuts you on Kettle <b>"Pro"</b> & co`);
    expect(decoded).toContain(`/retailer/listings/${kettle.mine}`);
    expect(await dispatcher.runOnce()).toBe(0);
    expect(smtp.mails.length).toBe(before + 1);
  });

  it('announces only the kinds the account chose', async () => {
    await saveAlertSettings(db, shop, { kinds: ['raise'], email: true, webhookUrl: null, dailyDigest: true });
    // Undercut deeper: an undercut, which the account no longer wants.
    expect((await evaluateRetailerAlerts(db, [await refresh(db, kettlePosition(), { ...undercut, cheapestTotal: '18', gap: '2' })])).announced).toBe(0);
    // The rival goes back above: room to raise.
    // Listed twice in one batch, it is still one announcement.
    const change = await refresh(db, kettlePosition(), { cheapestTotal: '21.90' });
    expect(await evaluateRetailerAlerts(db, [change, change])).toMatchObject({ decided: 2, announced: 1 });
    expect((await listRetailerEvents(db, shop, 10)).map((event) => event.kind)).toEqual(['raise', 'undercut']);
    await dispatcher.runOnce();
  });

  it('signs a webhook with the account’s own secret', async () => {
    await saveAlertSettings(db, shop, { kinds: ['undercut', 'out_of_stock'], email: false, webhookUrl: hook.url, dailyDigest: true });
    const change = await refresh(db, kettlePosition(), { ...undercut, cheapestListingId: kettle.other, cheapestStoreId: 'other', cheapestTotal: '19.25', competitorsOutOfStock: 1 });
    expect(await evaluateRetailerAlerts(db, [change])).toMatchObject({ decided: 2, announced: 2 });
    const queued = (await outboxOf(db, shop)).filter((m) => m.status === 'pending');
    expect(queued.map((m) => m.channel)).toEqual(['webhook', 'webhook']);

    const before = hook.calls.length;
    await dispatcher.runOnce();
    const calls = hook.calls.slice(before);
    expect(calls.length).toBe(2);
    const [{ salt }] = await db.select({ salt: retailerAlertSettings.webhookSalt }).from(retailerAlertSettings).where(eq(retailerAlertSettings.accountId, shop));
    const secret = deriveRetailerWebhookSecret(await siteKey(db), shop, salt);
    expect(await retailerWebhookSecret(db, shop)).toBe(secret);
    for (const call of calls) expect(verifySignature(secret, String(call.headers['tulna-signature']), call.body)).toBe(true);
    const bodies = calls.map((call) => JSON.parse(call.body));
    expect(bodies.map((body) => body.type).sort()).toEqual(['retailer.out_of_stock', 'retailer.undercut']);
    expect(bodies.find((body) => body.kind === 'undercut')).toMatchObject({
      listing: { id: kettle.mine, title: 'Kettle <b>"Pro"</b> & co', url: expect.stringMatching(new RegExp(`/retailer/listings/${kettle.mine}$`)) },
      store: { id: 'mine' },
      competitor: { store: 'other', storeName: 'OTHER', listing: kettle.other },
      totals: { own: '20', cheapest: '19.25', gap: '1.5' },
      currency: 'EUR',
      at: expect.any(String),
    });
    const [sent] = await db.select().from(outbox).where(eq(outbox.id, queued[0].id));
    expect(sent).toMatchObject({ status: 'sent', deliveredVia: 'webhook 204' });
  });

  it('queues one daily digest per account and day, with the stores’ figures, however often it runs', async () => {
    await saveAlertSettings(db, outsider, { kinds: ['undercut'], email: true, webhookUrl: null, dailyDigest: false });
    const first = await queueDailyDigests(db, '2031-01-02');
    expect(first).toEqual({ accounts: 1, queued: 1 });
    expect(await queueDailyDigests(db, '2031-01-02')).toEqual({ accounts: 0, queued: 0 });
    const digests = (await outboxOf(db, shop)).filter((m) => m.dedupeKey.startsWith('retailer-digest:'));
    expect(digests.map((m) => [m.dedupeKey, m.destination])).toEqual([[`retailer-digest:${shop}:2031-01-02`, 'shop@mine.example']]);
    const mail = digests[0].payload as EmailPayload;
    expect(mail.subject).toBe('Tulna daily digest 2031-01-02: 2 of 2 listings undercut');
    expect(mail.text).toContain('- 0 cheapest');
    expect(mail.text).toContain('- 0 alerts yesterday');
    // The biggest gap first, by percent: the toaster's 20 % before the kettle's 8.1 %.
    expect(mail.text).toMatch(/Biggest gaps:\n- Toaster: €5\.00 above RIVAL \(20 %\)\n.*\n- Kettle <b>"Pro"<\/b> & co: €1\.50 above OTHER \(8\.1 %\)/);
    expect(mail.html).not.toContain('<b>');
    // The outsider turned the digest off; the pending claim is no claim.
    expect((await outboxOf(db, outsider)).length).toBe(0);
    expect((await outboxOf(db, pending)).length).toBe(0);

    // The events of the day before are counted.
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await queueDailyDigests(db, tomorrow);
    const [next] = (await outboxOf(db, shop)).filter((m) => m.dedupeKey === `retailer-digest:${shop}:${tomorrow}`);
    expect((next.payload as EmailPayload).text).toMatch(/- [1-9]\d* alerts? yesterday/);

    const before = smtp.mails.length;
    await dispatcher.runOnce();
    expect(smtp.mails.slice(before).filter((m) => /Tulna daily digest/.test(quotedPrintable(m.raw))).length).toBe(2);
  });

  it('runs the digest schedule, catching up on a day whose hour has passed', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const stop = startDigestSchedule({ db, hour: 0 });
    await stop();
    const keys = (await outboxOf(db, shop)).map((m) => m.dedupeKey);
    expect(keys.filter((key) => key === `retailer-digest:${shop}:${today}`)).toHaveLength(1);
    expect(() => startDigestSchedule({ db, hour: 24 })).toThrow(/hour/);
  });
});

describe.each(testDrivers)('repricing rules, floors and alert settings, on %s', (driver) => {
  let handle: TestDbHandle;
  let db: Database;
  let listing: number;
  let other: number;
  let shop: number;
  let stranger: number;

  beforeAll(async () => {
    handle = await openTestDatabase(driver);
    db = handle.db;
    const catalog = await seedCatalog(db, [{ key: 'p', title: 'P', listings: [{ store: 'mine', price: '10' }, { store: 'mine', price: '12' }] }]);
    [listing, other] = catalog.listingIds.p;
    shop = await addAccount(db, 'a@mine.example', [['mine', 'verified']]);
    stranger = await addAccount(db, 'b@else.example', []);
  }, 60_000);
  afterAll(() => handle?.close());

  it('reads the defaults until rules are saved, then the account’s own', async () => {
    expect(await getRepricingRules(db, shop, 'mine')).toMatchObject({ strategy: 'match', beatBy: null, maxAboveMedianPercent: null, maxDailyChangePercent: null, saved: false });
    await saveRepricingRules(db, shop, 'mine', { strategy: 'beat_amount', beatBy: '0.50', maxAboveMedianPercent: 10, maxDailyChangePercent: 5 });
    expect(await getRepricingRules(db, shop, 'mine')).toMatchObject({ strategy: 'beat_amount', beatBy: '0.5', maxAboveMedianPercent: 10, maxDailyChangePercent: 5, saved: true });
    await saveRepricingRules(db, shop, 'mine', { strategy: 'beat_percent', beatBy: '2', maxAboveMedianPercent: null, maxDailyChangePercent: null });
    expect(await getRepricingRules(db, shop, 'mine')).toMatchObject({ strategy: 'beat_percent', beatBy: '2', maxDailyChangePercent: null });
    expect((await getRepricingRules(db, stranger, 'mine')).saved).toBe(false);
  });

  it('refuses rules the table would refuse, saying which value', async () => {
    const rules = { strategy: 'match', beatBy: null, maxAboveMedianPercent: null, maxDailyChangePercent: null } as const;
    await expect(saveRepricingRules(db, shop, 'mine', { ...rules, maxDailyChangePercent: 0 })).rejects.toThrow(/maxDailyChangePercent.*1 to 100.*got 0/);
    await expect(saveRepricingRules(db, shop, 'mine', { ...rules, maxAboveMedianPercent: 501 })).rejects.toThrow(/maxAboveMedianPercent.*0 to 500.*got 501/);
    await expect(saveRepricingRules(db, shop, 'mine', { ...rules, maxDailyChangePercent: 2.5 })).rejects.toThrow(/whole number/);
    await expect(saveRepricingRules(db, shop, 'mine', { ...rules, beatBy: '-1' })).rejects.toThrow(/beatBy/);
    await expect(saveRepricingRules(db, shop, 'mine', { ...rules, strategy: 'beat_percent', beatBy: '100' })).rejects.toThrow(/under 100/);
    await expect(saveRepricingRules(db, shop, 'mine', { ...rules, strategy: 'cheapest' as never })).rejects.toThrow(/strategy/);
    expect((await getRepricingRules(db, shop, 'mine')).strategy).toBe('beat_percent');
  });

  it('keeps floors per account and removes them with null', async () => {
    await setListingFloor(db, shop, listing, '9.50');
    await setListingFloor(db, stranger, other, '1');
    expect(await floorsFor(db, shop, [listing, other])).toEqual(new Map([[listing, '9.5']]));
    await setListingFloor(db, shop, listing, '9.75');
    expect((await floorsFor(db, shop, [listing])).get(listing)).toBe('9.75');
    await setListingFloor(db, shop, listing, null);
    expect(await floorsFor(db, shop, [listing, other])).toEqual(new Map());
    expect(await floorsFor(db, shop, [])).toEqual(new Map());
    await expect(setListingFloor(db, shop, listing, '0')).rejects.toThrow(/floor price/);
  });

  it('reads default alert settings, saves them with a salt made once, and checks them', async () => {
    expect(await getAlertSettings(db, shop)).toEqual({ kinds: ['undercut', 'raise', 'out_of_stock', 'faster'], email: true, webhookUrl: null, dailyDigest: true, saved: false });
    expect(await retailerWebhookSecret(db, shop)).toBeUndefined();
    await saveAlertSettings(db, shop, { kinds: ['faster', 'undercut', 'faster'], email: false, webhookUrl: 'https://hooks.example/tulna', dailyDigest: false });
    expect(await getAlertSettings(db, shop)).toEqual({ kinds: ['undercut', 'faster'], email: false, webhookUrl: 'https://hooks.example/tulna', dailyDigest: false, saved: true });
    const secret = await retailerWebhookSecret(db, shop);
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await saveAlertSettings(db, shop, { kinds: [], email: true, webhookUrl: null, dailyDigest: true });
    expect(await retailerWebhookSecret(db, shop)).toBe(secret);
    await saveAlertSettings(db, stranger, { kinds: [], email: true, webhookUrl: null, dailyDigest: true });
    expect(await retailerWebhookSecret(db, stranger)).not.toBe(secret);
    await expect(saveAlertSettings(db, shop, { kinds: ['price'] as never, email: true, webhookUrl: null, dailyDigest: true })).rejects.toThrow(/kinds/);
    await expect(saveAlertSettings(db, shop, { kinds: [], email: true, webhookUrl: 'ftp://x.example', dailyDigest: true })).rejects.toThrow(/http/);
  });
});
