// The alert routes of the built site, on both databases: sign-up (validated, same-origin, rate-
// limited), double opt-in, tokens that open only their own follower's pages, one-click
// unsubscribe from a mail program, the private feed, and the local outbox's limits.
import { sql } from 'drizzle-orm';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client.ts';
import { testDrivers } from '../helpers/db.ts';
import { form, send } from '../helpers/raw-request.ts';
import { startSeededSite, type RunningSite } from './site-server.ts';



describe.each(testDrivers)('alert routes on %s', (driver) => {
  let site: RunningSite;
  const origin = () => ({ Origin: site.url, 'Content-Type': 'application/x-www-form-urlencoded' });
  const signUp = (fields: Record<string, string>, localAddress?: string) =>
    send(`${site.url}/alerts/follow`, 'POST', form({ product: String(site.seed.galaxyId), kind: 'target', target: '60000', ...fields }), origin(), localAddress);
  const confirmLinkFor = async (email: string) => {
    const [row] = await queryRows<{ payload: { text: string } }>(site.handle.db, sql`SELECT payload FROM outbox WHERE destination = ${email} AND dedupe_key LIKE 'confirm:%' ORDER BY id DESC LIMIT 1`);
    return new URL(/http:\/\/\S+\/alerts\/confirm\/\S+/.exec(row.payload.text)![0]).pathname;
  };

  beforeAll(async () => {
    site = await startSeededSite(driver);
  }, 240_000);
  afterAll(async () => {
    await site?.close();
  });

  it('shows the follow form on a product page and takes a sign-up only as a same-origin POST', async () => {
    const page = await (await fetch(`${site.url}/p/${site.seed.galaxyId}`)).text();
    expect(page).toContain('action="/alerts/follow"');
    expect((await send(`${site.url}/alerts/follow`, 'GET')).status).toBe(405);
    const crossSite = await send(`${site.url}/alerts/follow`, 'POST', form({ product: String(site.seed.galaxyId), kind: 'drop', email: 'x@example.com' }), {
      Origin: 'https://evil.example',
      'Content-Type': 'application/x-www-form-urlencoded',
    });
    expect(crossSite.status).toBe(403);
    const ok = await signUp({ email: 'Asha@Example.com' });
    expect(ok.status).toBe(200);
    expect(ok.body).toContain('Check your inbox');
    expect(ok.body).toContain('asha@example.com');
  });

  it('refuses bad addresses, targets, stores and products with a clear message', async () => {
    for (const [fields, message] of [
      [{ email: 'not an address' }, /email address/],
      [{ email: 'a@b.co\r\nBcc: victim@example.com' }, /email address/],
      [{ email: 'ok@example.com', target: 'free' }, /price you want/],
      [{ email: 'ok@example.com', store: 'no-such-store' }, /does not sell/],
      [{ email: 'ok@example.com', product: '99999999' }, /No product/],
    ] as const) {
      const answer = await signUp(fields, '127.0.0.4');
      expect(answer.status, JSON.stringify(fields)).toBeGreaterThanOrEqual(400);
      expect(answer.body).toMatch(message);
    }
  });

  it('confirms only on POST from the emailed link, and a wrong token opens nothing', async () => {
    const path = await confirmLinkFor('asha@example.com');
    const ask = await send(`${site.url}${path}`, 'GET');
    expect(ask.status).toBe(200);
    expect(ask.body).toContain('Yes, send me this alert');
    const pending = await queryRows<{ n: number }>(site.handle.db, sql`SELECT count(*)::int AS n FROM follows WHERE confirmed_at IS NOT NULL`);
    expect(pending[0].n).toBe(0);
    const done = await send(`${site.url}${path}`, 'POST', '', origin());
    expect(done.status).toBe(200);
    expect(done.body).toContain('Alert confirmed');
    const confirmed = await queryRows<{ n: number }>(site.handle.db, sql`SELECT count(*)::int AS n FROM follows WHERE confirmed_at IS NOT NULL`);
    expect(confirmed[0].n).toBe(1);
    const [, id, mac] = /\/(\d+)\.([\w-]+)$/.exec(path)!;
    expect((await send(`${site.url}/alerts/confirm/${id}.${mac.slice(1)}x`, 'GET')).status).toBe(404);
    expect((await send(`${site.url}/alerts/confirm/${Number(id) + 1}.${mac}`, 'GET')).status).toBe(404);
  });

  it("keeps each follower's manage page and feed to their own token, and a feed token cannot manage", async () => {
    await signUp({ email: 'ravi@example.com', kind: 'drop', target: '' });
    await send(`${site.url}${await confirmLinkFor('ravi@example.com')}`, 'POST', '', origin());
    const confirmPage = async (email: string) => {
      const [row] = await queryRows<{ payload: { text: string } }>(site.handle.db, sql`SELECT payload FROM outbox WHERE destination = ${email} ORDER BY id LIMIT 1`);
      const path = await confirmLinkFor(email);
      expect(row).toBeTruthy();
      const body = (await send(`${site.url}${path}`, 'POST', '', origin())).body;
      return { manage: /href="http:\/\/[^"]+(\/alerts\/manage\/[^"]+)"/.exec(body)![1], feed: /href="http:\/\/[^"]+(\/alerts\/feed\/[^"]+)"/.exec(body)![1] };
    };
    const asha = await confirmPage('asha@example.com');
    const ravi = await confirmPage('ravi@example.com');
    const ashaPage = await send(`${site.url}${asha.manage}`, 'GET');
    expect(ashaPage.status).toBe(200);
    expect(ashaPage.body).toContain('asha@example.com');
    expect(ashaPage.body).not.toContain('ravi@example.com');
    // Ravi's id with Asha's proof, and a feed token used as a manage token: nothing.
    const [ashaMac, raviId] = [asha.manage.split('.')[1], ravi.manage.split('/').pop()!.split('.')[0]];
    expect((await send(`${site.url}/alerts/manage/${raviId}.${ashaMac}`, 'GET')).status).toBe(404);
    expect((await send(`${site.url}/alerts/manage/${asha.feed.split('/').pop()}`, 'GET')).status).toBe(404);
    expect((await send(`${site.url}/alerts/unsubscribe/${asha.feed.split('/').pop()}`, 'POST', 'List-Unsubscribe=One-Click')).status).toBe(404);
    const feed = await send(`${site.url}${asha.feed}`, 'GET');
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(new XMLParser().parse(feed.body).feed.title).toBe('Your Tulna alerts');
  });

  it('unsubscribes with one click from a mail program (a cross-site POST, no Origin)', async () => {
    const [row] = await queryRows<{ payload: { text: string } }>(site.handle.db, sql`SELECT payload FROM outbox WHERE destination = 'ravi@example.com' LIMIT 1`);
    expect(row).toBeTruthy();
    const confirmed = await send(`${site.url}${await confirmLinkFor('ravi@example.com')}`, 'POST', '', origin());
    const manage = /href="http:\/\/[^"]+\/alerts\/manage\/([^"]+)"/.exec(confirmed.body)![1];
    const answer = await send(`${site.url}/alerts/unsubscribe/${manage}`, 'POST', 'List-Unsubscribe=One-Click', { 'Content-Type': 'application/x-www-form-urlencoded' });
    expect(answer.status).toBe(200);
    expect(answer.body).toContain('Unsubscribed');
    const [follower] = await queryRows<{ unsubscribed: boolean }>(site.handle.db, sql`SELECT unsubscribed_at IS NOT NULL AS unsubscribed FROM followers WHERE email = 'ravi@example.com'`);
    expect(follower.unsubscribed).toBe(true);
    const [live] = await queryRows<{ n: number }>(site.handle.db, sql`SELECT count(*)::int AS n FROM follows f JOIN followers r ON r.id = f.follower_id WHERE r.email = 'ravi@example.com' AND f.active`);
    expect(live.n).toBe(0);
  });

  it('lists the local outbox on this machine in embedded mode only', async () => {
    const shown = await send(`${site.url}/outbox`, 'GET');
    expect(shown.status).toBe(200);
    expect(shown.body).toContain('Confirm your Tulna alert');
    process.env.SMTP_URL = 'smtp://127.0.0.1:1';
    try {
      expect((await send(`${site.url}/outbox`, 'GET')).status).toBe(404);
    } finally {
      delete process.env.SMTP_URL;
    }
  });

  it('limits sign-ups per address, and confirmation mails per mailbox', async () => {
    const address = driver === 'pglite' ? '127.0.0.2' : '127.0.0.3';
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await signUp({ email: `many${i}@example.com` }, address)).status);
    expect(statuses.slice(0, 10).every((status) => status === 200)).toBe(true);
    const refused = await signUp({ email: 'one-more@example.com' }, address);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    const perMailbox: number[] = [];
    for (let i = 0; i < 6; i++) perMailbox.push((await signUp({ email: 'target@example.com', kind: i % 2 ? 'drop' : 'restock', target: '' }, `127.0.1.${i + (driver === 'pglite' ? 10 : 20)}`)).status);
    expect(perMailbox).toEqual([200, 200, 200, 200, 200, 429]);
  });
});
