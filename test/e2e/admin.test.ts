// The admin's path in a real Chromium: log in on /account/login (sent back to the page first asked
// for), split a listing off a product, see the saved notice, let the applier re-match, and see the
// listing gone from the product; a wrong password gets nowhere, a retailer's session sees no admin.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPendingDecisions } from '../../crawlers/schedule/decision-applier.ts';
import { createAccount } from '../../db/queries/accounts/accounts.ts';
import { clearAccountLimits } from '../../src/features/accounts/limits.ts';
import { getSharedSearchEngine } from '../../search/index.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { startSeededSite, type RunningSite } from '../site/site-server.ts';

const PASSWORD = 'e2e admin password';
const EMAIL = 'admin@tulna.example';

describe('the admin pages in Chromium', () => {
  let site: RunningSite;
  let browser: Browser;
  /** What the browser reports: CSP violations, script errors. */
  const problems: string[] = [];

  beforeAll(async () => {
    clearAccountLimits();
    site = await startSeededSite('pglite');
    await createAccount(site.handle.db, { email: EMAIL, password: PASSWORD, role: 'admin' });
    await createAccount(site.handle.db, { email: 'shop@tulna.example', password: 'retailer password', role: 'retailer' });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  async function open(): Promise<Page> {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 40[14]/.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
    return page;
  }

  /** Fills the login form the browser was sent to and sends it. */
  async function logIn(page: Page, email: string, password: string): Promise<void> {
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Log in' }).click();
  }

  it('keeps out a wrong password, and shows a retailer no admin page', async () => {
    const page = await open();
    await page.goto(`${site.url}/admin/products/${site.seed.galaxyId}`);
    expect(new URL(page.url()).pathname).toBe('/account/login');
    await logIn(page, EMAIL, 'not the password');
    await expect(page.getByRole('alert').textContent()).resolves.toBe('Wrong email or password.');
    await logIn(page, 'shop@tulna.example', 'retailer password');
    await page.waitForURL(new RegExp(`/admin/products/${site.seed.galaxyId}$`));
    await expect(page.locator('h1').count()).resolves.toBe(0);
    await expect(page.locator('body').textContent()).resolves.toContain('Not found');
    await page.context().close();
  });

  it('splits a listing off a product: saved at once, gone once the applier has run', async () => {
    const page = await open();
    const path = `/admin/products/${site.seed.galaxyId}`;
    await page.goto(`${site.url}${path}`);
    const [response] = await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === path), logIn(page, EMAIL, PASSWORD)]);
    expect(response.status()).toBe(200);
    expect(response.headers()['cache-control']).toBe('no-store');
    const [cookie] = await page.context().cookies();
    expect(cookie).toMatchObject({ name: 'tulna_session', httpOnly: true, sameSite: 'Lax', path: '/' });
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
