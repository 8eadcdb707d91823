// Price history for deal followers: the series and verdicts (pure), the chart geometry, the CSV
// cells, and the routes (page, JSON, CSV) served by the built site on both drivers, where
// unconfirmed readings must never show.
import { inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client.ts';
import type { HistoryObservation } from '../../db/queries/price-history/observations.ts';
import { upsertListings } from '../../db/queries/listings.ts';
import { upsertStores } from '../../db/queries/stores.ts';
import { listings, priceObservations, products } from '../../db/schema.ts';
import type { Availability } from '../../domain/availability.ts';
import { csvCell, parseHistoryRequest, toHistoryCsv, toProductHistory } from '../../src/features/history/history.ts';
import { buildPriceChart, priceTicks } from '../../src/features/history/price-chart.ts';
import { buildHistorySeries, clipPoints, lowestTotalSeries, type HistoryPoint } from '../../src/features/history/series.ts';
import { computeVerdict, weightedQuantile } from '../../src/features/history/verdicts.ts';
import { testDrivers } from '../helpers/db.ts';
import { startSeededSite, type RunningSite } from './site-server.ts';

const DAY = 86_400_000;
const NOW = new Date('2026-12-01T12:00:00Z');
const ago = (days: number, now = NOW) => new Date(now.getTime() - days * DAY);

let nextId = 1;
function obs(
  daysAgo: number,
  storeId: string,
  listingId: number,
  price: string | null,
  extra: { shipping?: string | null; currency?: string; availability?: Availability } = {},
): HistoryObservation {
  const shipping = extra.shipping === undefined ? '0' : extra.shipping;
  const total = price === null ? null : (Number(price) + Number(shipping ?? 0)).toFixed(2);
  return {
    id: nextId++,
    listingId,
    storeId,
    storeName: `Store ${storeId}`,
    observedAt: ago(daysAgo),
    price,
    shippingCost: shipping,
    total,
    currency: extra.currency ?? 'EUR',
    availability: extra.availability ?? 'in_stock',
  };
}


describe('lowestTotalSeries', () => {
  it('follows the lowest buyable total in one currency, with gaps when nothing can be bought', () => {
    const points = lowestTotalSeries(
      [
        obs(10, 'a', 1, '100.00', { shipping: '5.00' }),
        obs(9, 'b', 2, '99.00', { shipping: null }), // unknown shipping counts as 0
        obs(8, 'c', 3, '50.00', { currency: 'USD' }), // another currency never counts
        obs(7, 'b', 2, '99.00', { availability: 'out_of_stock' }),
        obs(6, 'a', 1, '100.00', { availability: 'discontinued' }),
        obs(5, 'a', 1, '101.00'),
      ],
      'EUR',
    );
    expect(points.map((p) => [Math.round((NOW.getTime() - p.at.getTime()) / DAY), p.total])).toEqual([
      [10, '105'],
      [9, '99'],
      [7, '105'],
      [6, null],
      [5, '101'],
    ]);
  });

  it('clips to a range start, carrying the total in force into it', () => {
    const points = lowestTotalSeries([obs(40, 'a', 1, '10.00'), obs(35, 'a', 1, '12.00'), obs(20, 'a', 1, '11.00')], 'EUR');
    const clipped = clipPoints(points, ago(30));
    expect(clipped).toEqual([
      { at: ago(30), total: '12' },
      { at: ago(20), total: '11' },
    ]);
    expect(clipPoints(points, null)).toHaveLength(3);
  });
});

describe('buildHistorySeries', () => {
  it('draws at most five stores, busiest first, and names the ones left out', () => {
    const rows: HistoryObservation[] = [];
    // Store s<k> changes price k+1 times; s0 is the quietest.
    for (let k = 0; k < 7; k++) for (let n = 0; n <= k; n++) rows.push(obs(60 - n * 5 - k * 0.1, `s${k}`, 100 + k, (200 + k * 10 + n).toFixed(2)));
    rows.sort((a, b) => a.observedAt.getTime() - b.observedAt.getTime());
    const set = buildHistorySeries(rows, { currency: 'EUR', since: ago(90) });
    expect(set.stores.map((line) => line.store?.id)).toEqual(['s6', 's5', 's4', 's3', 's2']);
    expect(set.omittedStores.map((store) => store.id)).toEqual(['s1', 's0']);
    expect(set.lowest.store).toBeNull();
    expect(set.lowest.points[0].total).toBe('200');
    expect(() => buildHistorySeries(rows, { currency: 'EUR', since: null, maxStores: -1 })).toThrow(TypeError);
  });
});

describe('verdicts', () => {
  const series = (...steps: [number, string | null][]): HistoryPoint[] => steps.map(([days, total]) => ({ at: ago(days), total }));

  it('claims nothing with less than a week of history', () => {
    const verdict = computeVerdict(series([5, '100'], [2, '90']), NOW);
    expect(verdict.label).toBe('not-enough-history');
    expect(verdict.text).toBe('Not enough history yet');
    expect(verdict.lowestEver?.total).toBe('90');
    expect(computeVerdict(series([8, '100'], [2, '90']), NOW).label).toBe('lowest-90');
  });

  it('says "Lowest in 90 days" for a new low, and counts no further than the history goes', () => {
    const long = computeVerdict(series([200, '50'], [100, '120'], [60, '110'], [3, '99']), NOW);
    expect(long).toMatchObject({ label: 'lowest-90', text: 'Lowest in 90 days', current: '99', lowest90: '99', lowest30: '99' });
    expect(long.lowestEver).toEqual({ total: '50', at: ago(200) });
    const short = computeVerdict(series([20, '120'], [3, '99']), NOW);
    expect(short.text).toBe('Lowest in 20 days');
  });

  it('says "Higher than usual" above the time-weighted 75th percentile, else "Typical price"', () => {
    // 80 for 60 days, 100 for 27 days, 120 for the last 3.
    const high = computeVerdict(series([90, '80'], [30, '100'], [3, '120']), NOW);
    expect(high.typical).toEqual({ low: '80', high: '100' });
    expect(high.label).toBe('higher-than-usual');
    const typical = computeVerdict(series([90, '80'], [30, '100'], [3, '90']), NOW);
    expect(typical.label).toBe('typical');
    // A price that never moved is typical, not a new low.
    expect(computeVerdict(series([30, '80']), NOW).label).toBe('typical');
    expect(computeVerdict(series([30, '80'], [1, null]), NOW).label).toBe('not-buyable');
  });

  it('weights by time: a one-day spike does not move the usual range', () => {
    const verdict = computeVerdict(series([90, '100'], [50, '300'], [49, '100']), NOW);
    expect(verdict.typical).toEqual({ low: '100', high: '100' });
    expect(weightedQuantile([{ total: '1', from: 0, to: 3 }, { total: '9', from: 3, to: 4 }], 0.75)).toBe('1');
    expect(weightedQuantile([{ total: '1', from: 0, to: 3 }, { total: '9', from: 3, to: 4 }], 0.76)).toBe('9');
    expect(() => weightedQuantile([], 2)).toThrow(TypeError);
  });

  it('judges the whole history, whatever range is drawn', () => {
    const rows = [obs(300, 'a', 1, '40.00'), obs(100, 'a', 1, '90.00'), obs(10, 'a', 1, '80.00')];
    const history = toProductHistory(rows, { currency: 'EUR', range: '30', now: NOW });
    expect(history.verdict.lowestEver?.total).toBe('40');
    expect(history.series.lowest.points).toEqual([
      { at: ago(30), total: '90' },
      { at: ago(10), total: '80' },
    ]);
  });
});

describe('the chart geometry', () => {
  it('picks 3–4 round price ticks covering the prices', () => {
    for (const [min, max] of [[249, 329], [0.5, 0.9], [1000, 1000], [12.3, 13.1], [5, 5000]]) {
      const ticks = priceTicks(min, max);
      expect(ticks.length, `${min}–${max}`).toBeGreaterThanOrEqual(3);
      expect(ticks.length, `${min}–${max}`).toBeLessThanOrEqual(4);
      expect(ticks[0]).toBeLessThanOrEqual(min);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
    }
    expect(priceTicks(249, 329)).toEqual([200, 250, 300, 350]);
  });

  it('draws step lines with one decimal, breaking where nothing is buyable', () => {
    const lowest = { store: null, points: [{ at: ago(90), total: '300' }, { at: ago(45), total: null }, { at: ago(30), total: '250' }] };
    const chart = buildPriceChart(lowest, [{ store: { id: 'a', name: 'A' }, points: [{ at: ago(90), total: '310' }] }], NOW, { currency: 'EUR' });
    expect(chart).not.toBeNull();
    expect(chart!.plot.left).toBe(40); // "€250": 4 characters
    expect(chart!.lowest).toMatch(/^M40 [\d.]+H[\d.]+M[\d.]+ [\d.]+H392$/);
    expect(`${chart!.lowest}${chart!.stores[0]}`).not.toMatch(/\.\d\d/);
    expect(chart!.priceTicks.map((tick) => tick.label)).toEqual(['€250', '€275', '€300', '€325']);
    expect(chart!.priceTicks.map((tick) => tick.at)).toEqual([178, 121.3, 64.7, 8]);
    expect(chart!.dateTicks.map((tick) => tick.label)).toEqual(['2 Sept', '2 Oct', '1 Nov', '1 Dec']);
    expect(buildPriceChart({ store: null, points: [] }, [], NOW, { currency: 'EUR' })).toBeNull();
  });
});

describe('the CSV export', () => {
  it('escapes cells and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    for (const start of ['=', '+', '-', '@']) expect(csvCell(`${start}SUM(A1)`)).toBe(`'${start}SUM(A1)`);
    expect(csvCell('=HYPERLINK("x"),1')).toBe(`"'=HYPERLINK(""x""),1"`);
  });

  it('writes only the rows in the range, under the fixed header', () => {
    const csv = toHistoryCsv([obs(40, 'a', 1, '10.00'), obs(5, 'a', 1, '9.00', { shipping: null })], ago(30));
    expect(csv.split('\r\n')).toEqual([
      'observed_at,store_id,store_name,price,shipping,total,currency,availability',
      `${ago(5).toISOString()},a,Store a,9.00,,9.00,EUR,in_stock`,
      '',
    ]);
  });

  it('refuses bad ids and ranges', () => {
    expect(parseHistoryRequest('12', new URLSearchParams())).toEqual({ ok: true, id: 12, range: '90' });
    expect(parseHistoryRequest('12', new URLSearchParams('range=all'))).toEqual({ ok: true, id: 12, range: 'all' });
    for (const range of ['7', '', '90 ', 'ALL']) expect(parseHistoryRequest('12', new URLSearchParams({ range })).ok, range).toBe(false);
    for (const id of ['0', '-1', '1e3', 'abc', undefined]) expect(parseHistoryRequest(id, new URLSearchParams()).ok, String(id)).toBe(false);
  });
});

/**
 * A kettle sold by three stores with a known confirmed history, plus one unconfirmed misread (€10)
 * that must never show. The third store's name is a spreadsheet formula.
 */
async function seedHistory(db: Database, now: Date): Promise<number> {
  await upsertStores(db, [{ id: 'eps', name: '=HYPERLINK("x"), Eps', baseUrl: 'https://eps.example', currency: 'EUR', country: 'DE', sourceKind: 'jsonld' }]);
  const ids: Record<string, number> = {};
  for (const storeId of ['alpha', 'beta', 'eps']) {
    const summary = await upsertListings(db, storeId, [
      { url: `https://${storeId}.example/kettle`, title: 'History Kettle 1.7 l', price: '80.00', currency: 'EUR', availability: 'in_stock' },
    ], { observedAt: now });
    ids[storeId] = summary.listingIds[0];
  }
  const [product] = await db.insert(products).values({ title: 'History Kettle 1.7 l' }).returning({ id: products.id });
  await db.update(listings).set({ productId: product.id }).where(inArray(listings.id, Object.values(ids)));
  await db.delete(priceObservations).where(inArray(priceObservations.listingId, Object.values(ids)));
  const at = (days: number) => new Date(now.getTime() - days * DAY);
  const row = (storeId: string, days: number, price: string, confirmed: boolean, shippingCost: string | null = '0', availability: Availability = 'in_stock') => ({
    listingId: ids[storeId], observedAt: at(days), price, shippingCost, currency: 'EUR', availability, confirmed,
  });
  await db.insert(priceObservations).values([
    row('beta', 60, '95.00', true),
    row('alpha', 40, '100.00', true, '5.00'),
    row('alpha', 20, '90.00', true, null),
    row('eps', 15, '99.00', true),
    row('beta', 10, '120.00', true, '0', 'out_of_stock'),
    row('alpha', 2, '80.00', true),
    row('alpha', 1, '10.00', false), // a misread, never confirmed
  ]);
  return product.id;
}

describe.each(testDrivers)('price history routes on %s', (driver) => {
  let site: RunningSite;
  let kettleId: number;
  const get = (path: string, init: RequestInit = {}) => fetch(`${site.url}${path}`, { redirect: 'manual', ...init });

  beforeAll(async () => {
    site = await startSeededSite(driver);
    kettleId = await seedHistory(site.handle.db, new Date());
  }, 240_000);
  afterAll(async () => {
    await site?.close();
  });

  it('answers the lowest total and each store over time as JSON, without unconfirmed readings', async () => {
    const response = await get(`/api/products/${kettleId}/history`);
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ productId: kettleId, currency: 'EUR', range: '90' });
    const [lowest, ...stores] = body.series;
    expect(lowest.store).toBeNull();
    expect(lowest.points.map((point: { total: string }) => point.total)).toEqual(['95', '90', '80']);
    expect(stores.map((line: { store: { id: string } }) => line.store.id).sort()).toEqual(['alpha', 'beta', 'eps']);
    const alpha = stores.find((line: { store: { id: string } }) => line.store.id === 'alpha');
    expect(alpha.points.map((point: { total: string }) => point.total)).toEqual(['105', '90', '80']);
    expect(JSON.stringify(body)).not.toMatch(/"10"/);
    expect(body.verdict).toMatchObject({ label: 'lowest-90', current: '80', lowest30: '80', lowestEver: { total: '80' } });
    expect(new Date(lowest.points[0].at).toISOString()).toBe(lowest.points[0].at);

    const month = await (await get(`/api/products/${kettleId}/history?range=30`)).json();
    expect(month.range).toBe('30');
    expect(month.series[0].points.map((point: { total: string }) => point.total)).toEqual(['95', '90', '80']);
    expect(Date.now() - Date.parse(month.series[0].points[0].at)).toBeGreaterThan(29.9 * DAY);
  });

  it('refuses bad ids and ranges with 400 and unknown products with 404, as JSON', async () => {
    for (const path of [`/api/products/abc/history`, `/api/products/0/history.csv`, `/api/products/${kettleId}/history?range=7`, `/api/products/${kettleId}/history.csv?range=x`]) {
      const response = await get(path);
      expect(response.status, path).toBe(400);
      expect((await response.json()).error.status, path).toBe(400);
    }
    for (const path of ['/api/products/999999/history', '/api/products/999999/history.csv']) {
      expect((await get(path)).status, path).toBe(404);
    }
    expect((await get(`/api/products/${kettleId}/history`, { method: 'POST' })).status).toBe(405);
  });

  it('exports the confirmed readings as a CSV download, formulas defused', async () => {
    const response = await get(`/api/products/${kettleId}/history.csv?range=30`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="product-\d+-prices-30\.csv"$/);
    const lines = (await response.text()).trimEnd().split('\r\n');
    expect(lines[0]).toBe('observed_at,store_id,store_name,price,shipping,total,currency,availability');
    const body = lines.slice(1);
    // alpha 20 d, eps 15 d, beta 10 d, alpha 2 d: not the 40- and 60-day rows, not the misread.
    expect(body.map((line) => line.split(',')[1])).toEqual(['alpha', 'eps', 'beta', 'alpha']);
    expect(body.some((line) => line.includes(',10.0000,'))).toBe(false);
    expect(body[0]).toMatch(/^\S+Z,alpha,Alpha Electronics,90\.0000,,90\.0000,EUR,in_stock$/);
    expect(body[1]).toContain(`,eps,"'=HYPERLINK(""x""), Eps",99.0000,`);
    expect(body[2]).toContain(',beta,Beta Shop,120.0000,0.0000,120.0000,EUR,out_of_stock');
    const all = (await (await get(`/api/products/${kettleId}/history.csv?range=all`)).text()).trimEnd().split('\r\n');
    expect(all).toHaveLength(1 + 6);
  });

  it('draws the history on the product page as an accessible SVG chart, no script, per range', async () => {
    const html = await (await get(`/p/${kettleId}`)).text();
    expect(html).toMatch(/<svg viewBox="0 0 400 200" role="img" aria-label="Lowest total incl\. shipping over the last 90 days \([^"]+\): between €80\.00 and €95\.00, now €80\.00\./);
    expect(html).toMatch(/<figcaption>Lowest total incl\. shipping over the last 90 days/);
    expect(html).toContain('Lowest in 60 days');
    expect(html).toMatch(/<a href="\?range=90" aria-current="page">90 days<\/a>/);
    expect(html).toMatch(/<path class="pc-lo" d="M\d+ [\d. HVM]+"/);
    expect((html.match(/<path class="pc-s pc-\d"/g) ?? []).length).toBe(3);
    expect(html).toContain('Beta Shop</li>');
    expect(html).not.toContain('€10.00');
    expect(html).not.toContain('<script');
    expect(html).not.toContain(' style=');
    expect(html).not.toMatch(/[MHV]\d+\.\d\d/);
    expect(html).toContain(`href="/api/products/${kettleId}/history.csv?range=90"`);

    expect(await (await get(`/p/${kettleId}?range=30`)).text()).toMatch(/<a href="\?range=30" aria-current="page">/);
    const bogus = await get(`/p/${kettleId}?range=%3Cscript%3E`);
    expect(bogus.status).toBe(200);
    expect(await bogus.text()).toMatch(/<a href="\?range=90" aria-current="page">/);
  });

  it('draws nothing for a product with only unconfirmed readings', async () => {
    const html = await (await get(`/p/${site.seed.singletonId}`)).text();
    expect(html).not.toContain('<svg');
    expect(html).toContain('No confirmed prices over the last 90 days yet.');
    expect(html).toContain('Not enough history yet');
  });
});
