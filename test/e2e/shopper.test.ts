// The shopper's path in a real Chromium on a phone-sized screen: search with a typo, open a
// product, compare offers, hit unknown products and barcodes, browse with JavaScript off, scan.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/chromium.ts';
import { SEED_GTINS, XSS_TITLE } from '../helpers/site-seed.ts';
import { startSeededSite, type RunningSite } from '../site/site-server.ts';
import { writeBarcodeVideo } from './barcode-video.ts';

const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
  locale: 'en-GB',
};

describe('the shopper site in Chromium', () => {
  let site: RunningSite;
  let browser: Browser;
  let folder: string;
  const contexts: BrowserContext[] = [];
  /** Problems the browser reports: CSP violations, script errors, dialogs (an XSS would open one). */
  const problems: string[] = [];

  async function open(options: BrowserContextOptions = {}): Promise<Page> {
    const context = await browser.newContext({ ...PHONE, ...options });
    contexts.push(context);
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 404/.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
    page.on('dialog', (dialog) => {
      problems.push(`${page.url()}: dialog "${dialog.message()}"`);
      void dialog.dismiss();
    });
    return page;
  }

  beforeAll(async () => {
    site = await startSeededSite('pglite');
    folder = mkdtempSync(join(tmpdir(), 'tulna-e2e-'));
    const video = join(folder, 'barcode.y4m');
    writeBarcodeVideo(video, SEED_GTINS.galaxy.slice(1));
    browser = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
  }, 240_000);

  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => {});
    await browser?.close();
    await site?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('finds a product despite typos and shows its offers, cheapest total first', async () => {
    const page = await open();
    await page.goto(site.url);
    await page.getByRole('searchbox', { name: 'Search products' }).fill('samsng galxy');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL(/\/search\?q=samsng\+galxy/);
    const result = page.getByRole('link', { name: /Samsung Galaxy S24/ });
    await expect(result.first().isVisible()).resolves.toBe(true);
    expect(await page.locator('.card').first().textContent()).toMatch(/from €794\.99[\s\S]*4 stores[\s\S]*Fastest: Tomorrow/);

    await result.first().click();
    await page.waitForURL(new RegExp(`/p/${site.seed.galaxyId}$`));
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Samsung Galaxy S24 128GB Onyx Black');
    const stores = await page.locator('.offer .store').allTextContents();
    expect(stores).toEqual(['Delta Deals', 'Alpha Electronics', 'Beta Shop', 'Gamma Direct']);
    const totals = await page.locator('.offer [data-total]').allTextContents();
    expect(totals).toEqual(['€794.99', '€799.00', '€804.00', '€699.00']);
    const delivery = await page.locator('.offer [data-delivery]').allTextContents();
    expect(delivery[1]).toBe('Tomorrow');
    expect(delivery[2]).toBe('in 3–5 days');
    expect(delivery[0]).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}$/);
    expect(await page.locator('.offer').first().textContent()).toContain('Cheapest');
    expect(await page.locator('.offer').nth(1).textContent()).toContain('Fastest');
    expect(await page.locator('.offer').last().textContent()).toContain('Out of stock');
    // Offers link out without leaking the opener.
    expect(await page.locator('.offer a.go').first().getAttribute('rel')).toContain('noopener');
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(problems).toEqual([]);
  });

  it('answers unknown products and barcodes with 404 pages', async () => {
    const page = await open();
    const product = await page.goto(`${site.url}/p/999999`);
    expect(product?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Product not found');
    const gtin = await page.goto(`${site.url}/gtin/${SEED_GTINS.unknown}`);
    expect(gtin?.status()).toBe(404);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Barcode not known');
  });

  it('shows scraped markup as text without running it', async () => {
    const page = await open();
    await page.goto(`${site.url}/p/${site.seed.xssId}`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(XSS_TITLE);
    expect(await page.locator('main img, main script').count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('searches, filters and looks up barcodes with JavaScript off', async () => {
    const page = await open({ javaScriptEnabled: false });
    await page.goto(site.url);
    await page.getByRole('searchbox', { name: 'Search products' }).fill('samsng galxy');
    await page.getByRole('searchbox', { name: 'Search products' }).press('Enter');
    await page.waitForURL(/\/search\?/);
    expect(await page.getByRole('link', { name: /Samsung Galaxy S24/ }).count()).toBe(1);

    await page.goto(`${site.url}/search?q=`);
    await page.locator('details.filters summary').click();
    await page.getByRole('checkbox', { name: /Apple/ }).check();
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(/brand=Apple/);
    const titles = await page.locator('.results .card h2').allTextContents();
    expect(titles.map((t) => t.trim())).toEqual(['Apple iPhone 15 128GB Blue']);

    await page.goto(`${site.url}/scan`);
    expect(await page.locator('[data-scan-start]').isVisible()).toBe(false);
    await page.getByLabel(/Barcode digits/).fill(SEED_GTINS.galaxy.slice(1));
    await page.getByRole('button', { name: 'Look up' }).click();
    await page.waitForURL(new RegExp(`/p/${site.seed.galaxyId}$`));
  });

  it('scans a barcode with the camera, reading it with our own WebAssembly build', async () => {
    const page = await open({ permissions: ['camera'] });
    const foreign: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(site.url) && !request.url().startsWith('data:') && !request.url().startsWith('blob:')) foreign.push(request.url());
    });
    await page.goto(`${site.url}/scan`);
    await page.getByRole('button', { name: 'Start the camera' }).click();
    await page.waitForURL(new RegExp(`/p/${site.seed.galaxyId}$`), { timeout: 60_000 });
    expect(foreign).toEqual([]);
    expect(problems).toEqual([]);
  }, 90_000);
});
