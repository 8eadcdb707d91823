// The deals page, its Atom feed and the honest "was" label, served by the built site on both drivers.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listings, priceObservations, products } from '../../db/schema.ts';
import { testDrivers } from '../helpers/db.ts';
import { startSeededSite, type RunningSite } from './site-server.ts';

const DAY = 86_400_000;
/** Scraped text at its worst: markup, every XML special, a control character and a non-character. */
const HOSTILE = `Evil <b>"Kettle"</b> & 'Toaster' ]]>\u0001\uFFFE`;
const HOSTILE_CLEAN = `Evil <b>"Kettle"</b> & 'Toaster' ]]>`;

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'entry' || name === 'link' });

interface AtomEntry {
  id: string;
  title: { '#text': string } | string;
  updated: string;
  link: { '@href': string }[];
  summary: { '#text': string } | string;
}
const text = (value: { '#text': string } | string) => (typeof value === 'string' ? value : value['#text']);

describe.each(testDrivers)('deals page and feed on %s', (driver) => {
  let site: RunningSite;
  let hostileId: number;
  let hostileReading: number;
  const get = (path: string, init: RequestInit = {}) => fetch(`${site.url}${path}`, { redirect: 'manual', ...init });

  beforeAll(async () => {
    site = await startSeededSite(driver);
    const db = site.handle.db;
    const now = Date.now();
    // A hostile title with a real drop: 40 → 30 at Alpha, delivered tomorrow.
    const [product] = await db.insert(products).values({ title: HOSTILE, category: 'Kitchen' }).returning({ id: products.id });
    hostileId = product.id;
    const [listing] = await db
      .insert(listings)
      .values({ storeId: 'alpha', url: 'https://alpha.example/evil', title: HOSTILE, price: '30.00', currency: 'EUR', shippingCost: '0', availability: 'in_stock', deliveryMinDays: 1, deliveryMaxDays: 1, productId: hostileId })
      .returning({ id: listings.id });
    const readings = await db
      .insert(priceObservations)
      .values([
        { listingId: listing.id, observedAt: new Date(now - 12 * DAY), price: '40.00', shippingCost: '0', currency: 'EUR', availability: 'in_stock', confirmed: true },
        { listingId: listing.id, observedAt: new Date(now - DAY), price: '30.00', shippingCost: '0', currency: 'EUR', availability: 'in_stock', confirmed: true },
      ])
      .returning({ id: priceObservations.id });
    hostileReading = readings[1].id;
    // "Was" prices: Alpha's Galaxy never charged 999; Gamma's headphones charged 329 ten days ago.
    await db.update(listings).set({ listPrice: '999.00' }).where(eq(listings.url, 'https://alpha.example/p/s24'));
    await db.update(listings).set({ listPrice: '329.00' }).where(eq(listings.url, 'https://gamma.example/sony-xm5'));
  }, 240_000);
  afterAll(async () => {
    await site?.close();
  });

  it('lists real drops against the 30-day market low, with filters to choose from', async () => {
    const response = await get('/deals');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    const sony = html.split('data-deal=').find((card) => card.startsWith(`"${site.seed.dealId}"`));
    expect(sony, 'the seeded headphones are a deal').toBeDefined();
    // 249 today; confirmed readings of the 30 days before: 329 and 318 (the first 320 never confirmed).
    expect(sony).toContain('€249.00');
    expect(sony).toContain('−21% vs the lowest price of the last 30 days');
    expect(sony).toContain('€318.00');
    expect(sony).toContain('Gamma Direct');
    expect(sony).toContain('delivery in 1–2 days');
    expect(html).toContain('<option value="Audio"');
    expect(html).toContain('<option value="Kitchen"');
    expect(html).toContain('<option value="gamma"');
    expect(html).toContain('href="/deals/feed"');
    // Products without a confirmed drop are not there.
    expect(html).not.toContain(`data-deal="${site.seed.galaxyId}"`);
  });

  it('applies the filters from the address, and refuses bad ones', async () => {
    const deals = async (query: string) => [...(await (await get(`/deals?${query}`)).text()).matchAll(/data-deal="(\d+)"/g)].map((m) => Number(m[1]));
    expect((await deals('')).sort()).toEqual([site.seed.dealId, hostileId].sort());
    expect(await deals('category=Audio')).toEqual([site.seed.dealId]);
    expect(await deals('store=alpha')).toEqual([hostileId]);
    expect(await deals('within=1')).toEqual([hostileId]);
    expect(await deals('within=2&store=&category=')).toEqual([hostileId, site.seed.dealId]);
    expect(await deals('drop=22')).toEqual([hostileId]);
    expect(await deals('drop=30&category=Audio')).toEqual([]);
    expect((await get('/deals?drop=abc')).status).toBe(400);
    expect((await get('/deals?drop=2')).status).toBe(400);
    expect((await get('/deals?within=-1')).status).toBe(400);
    expect((await get('/deals', { method: 'POST' })).status).toBe(405);
  });

  it('escapes a hostile title on the page', async () => {
    const html = await (await get('/deals?store=alpha')).text();
    expect(html).toContain('Evil &lt;b&gt;');
    expect(html).not.toContain('<b>"Kettle"');
  });

  it('serves the same deals as a valid Atom 1.0 feed, hostile text escaped', async () => {
    const response = await get('/deals/feed');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await response.text();
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).not.toContain('<b>');
    expect(xml).not.toMatch(/[\u0001\uFFFE]/);
    const feed = parser.parse(xml).feed;
    expect(feed['@xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(feed.id).toMatch(/^tag:127\.0\.0\.1,2026:deals$/);
    expect(Number.isNaN(Date.parse(feed.updated))).toBe(false);
    expect(feed.author.name).toBe('Tulna');
    expect(feed.link.map((l: { '@rel': string }) => l['@rel'])).toEqual(['self', 'alternate']);
    const entries = feed.entry as AtomEntry[];
    expect(entries).toHaveLength(2);
    const evil = entries.find((e) => e.id.endsWith(`:deal/${hostileId}/${hostileReading}`));
    expect(evil, 'the hostile deal has a stable tag id of product and reading').toBeDefined();
    expect(evil!.id).toBe(`tag:127.0.0.1,2026:deal/${hostileId}/${hostileReading}`);
    expect(text(evil!.title)).toBe(`${HOSTILE_CLEAN}: −25% vs the lowest price of the last 30 days`);
    expect(evil!.link[0]['@href']).toBe(`${site.url}/p/${hostileId}`);
    expect(text(evil!.summary)).toContain('€30.00 at Alpha Electronics');
    expect(Number.isNaN(Date.parse(evil!.updated))).toBe(false);
    // The same deal keeps its id on a filtered feed.
    const filtered = parser.parse(await (await get('/deals/feed?within=1')).text()).feed;
    expect((filtered.entry as AtomEntry[]).map((e) => e.id)).toEqual([evil!.id]);
    expect(filtered.id).toBe('tag:127.0.0.1,2026:deals?within=1');
    const empty = await (await get('/deals/feed?store=delta')).text();
    expect(XMLValidator.validate(empty)).toBe(true);
    expect(parser.parse(empty).feed.entry).toBeUndefined();
    expect((await get('/deals/feed?drop=x')).status).toBe(400);
  });

  it('shows the home page deals by the same rule, linking to all of them', async () => {
    const html = await (await get('/')).text();
    expect(html).toContain('href="/deals"');
    expect(html).toContain('−21% vs the lowest price of the last 30 days');
    expect(html).not.toContain('median');
  });

  it('labels a "was" price never charged, and strikes through one that was', async () => {
    const galaxy = await (await get(`/p/${site.seed.galaxyId}`)).text();
    const alpha = galaxy.split('data-listing=').find((row) => row.includes('href="/stores/alpha"'));
    expect(alpha).toContain('“Was €999.00” not charged in the last 30 days');
    expect(alpha).not.toContain('<s>');
    const sony = await (await get(`/p/${site.seed.dealId}`)).text();
    expect(sony).toContain('<s>€329.00</s>');
    expect(sony).not.toContain('not charged in the last 30 days');
  });
});
