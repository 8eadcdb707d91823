// The admin's path in a real Chromium: sign in with Basic auth, split a listing off a product, see
// the saved notice, let the applier re-match, and see the listing gone from the product.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPendingDecisions } from '../../crawlers/schedule/decision-applier.ts';
import { getSharedSearchEngine } from '../../search/index.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { startSeededSite, type RunningSite } from '../site/site-server.ts';

const PASSWORD = 'e2e admin password';

describe('the admin pages in Chromium', () => {
  let site: RunningSite;
  let browser: Browser;
  const previous = process.env.TULNA_ADMIN_PASSWORD;
  /** What the browser reports: CSP violations, script errors. */
  const problems: string[] = [];

  beforeAll(async () => {
    process.env.TULNA_ADMIN_PASSWORD = PASSWORD;
    site = await startSeededSite('pglite');
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (previous === undefined) delete process.env.TULNA_ADMIN_PASSWORD;
    else process.env.TULNA_ADMIN_PASSWORD = previous;
  });

  async function open(password: string): Promise<Page> {
    const context = await browser.newContext({ httpCredentials: { username: 'admin', password } });
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 40[14]/.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
    return page;
  }

  it('keeps out a wrong password', async () => {
    const page = await open('not the password');
    const response = await page.goto(`${site.url}/admin/products/${site.seed.galaxyId}`);
    expect(response?.status()).toBe(401);
    await page.context().close();
  });

  it('splits a listing off a product: saved at once, gone once the applier has run', async () => {
    const page = await open(PASSWORD);
    const path = `/admin/products/${site.seed.galaxyId}`;
    const response = await page.goto(`${site.url}${path}`);
    expect(response?.status()).toBe(200);
    expect(response?.headers()['cache-control']).toBe('no-store');
    const rows = page.locator('.admin-listings li');
    await expect(rows.count()).resolves.toBe(4);
    const gamma = rows.filter({ hasText: 'Gamma Direct' });
    await gamma.getByRole('button', { name: 'Not this product' }).click();
    await page.waitForURL(new RegExp(`${path}\\?saved=1$`));
    await expect(page.getByRole('status').textContent()).resolves.toBe('Saved — applied within a minute.');
    await expect(rows.count()).resolves.toBe(4); // recorded, not applied yet

    const summary = await applyPendingDecisions(site.handle.db, { search: getSharedSearchEngine(site.handle.db) });
    expect(summary.decisions).toBe(3);
    await page.goto(`${site.url}${path}`);
    await expect(rows.count()).resolves.toBe(3);
    await expect(page.locator('.admin-listings').textContent()).resolves.not.toContain('Gamma Direct');

    // The decision list shows it applied, with links to both products.
    await page.goto(`${site.url}/admin`);
    await expect(page.getByRole('cell', { name: /^applied / }).count()).resolves.toBe(3);
    await expect(page.locator(`a[href="${path}"]`).count()).resolves.toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
