// A retailer's path in a real Chromium: sign in, see their listings against the competition with
// the price index, filter to the undercut ones, open one (competitors and price history), set a
// floor price and see the suggestion respect it, create an API token shown once, export the CSV.
import type { Browser, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../db/queries/accounts/accounts.ts';
import { grantClaim } from '../../db/queries/retailers/claims.ts';
import { refreshStorePositions } from '../../db/queries/retailers/positions.ts';
import { recordPriceIndex } from '../../db/queries/retailers/price-index.ts';
import { clearAccountLimits } from '../../src/features/accounts/limits.ts';
import { launchChromium } from '../helpers/chromium.ts';
import { startSeededSite, type RunningSite } from '../site/site-server.ts';

const EMAIL = 'owner@alpha.example';
const PASSWORD = 'alpha owner password';

describe('the retailer dashboard in Chromium', () => {
  let site: RunningSite;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    clearAccountLimits();
    site = await startSeededSite('pglite');
    const db = site.handle.db;
    // The seed's first readings wait for a second one; here they count.
    await db.execute(sql`UPDATE price_observations SET confirmed = true`);
    const account = await createAccount(db, { email: EMAIL, password: PASSWORD, role: 'retailer' });
    // Beta, not Alpha: Beta is undercut on the Galaxy (779 + 25 shipping against Delta's 794.99).
    await grantClaim(db, { accountId: account.id, storeId: 'beta' });
    await refreshStorePositions(db, 'beta');
    await recordPriceIndex(db, ['beta']);
    browser = await launchChromium();
    page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    page.on('console', (message) => {
      if (message.type() === 'error' && !/status of 40[14]/.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('signs in and shows each listing against the competition, with the price index', async () => {
    await page.goto(`${site.url}/retailer`);
    expect(new URL(page.url()).pathname).toBe('/account/login');
    await page.getByLabel('Email').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL(/\/retailer$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Your listings against the competition');
    const index = await page.locator('.rindex').textContent();
    expect(index).toMatch(/above the market lowest/);
    const galaxy = page.locator('tr', { hasText: 'Samsung Galaxy S24' });
    await expect(galaxy.textContent()).resolves.toMatch(/3rd of 3.*€9\.01 \(1\.1 %\) above Delta Deals/s);
  });

  it('filters to the undercut listings and opens one: competitors, price history, a floor the suggestion keeps', async () => {
    await page.getByRole('link', { name: /^Undercut/ }).click();
    await page.waitForURL(/filter=undercut/);
    // Only the Galaxy: Beta is the cheapest for the iPhone, and the only seller of its cable.
    await expect(page.locator('tbody tr').count()).resolves.toBe(1);
    await page.getByRole('link', { name: /Samsung Galaxy S24/ }).click();
    await page.waitForURL(/\/retailer\/listings\/\d+$/);
    await expect(page.locator('.offers .store').allTextContents()).resolves.toEqual(expect.arrayContaining(['Delta Deals', 'Alpha Electronics']));
    await expect(page.getByRole('heading', { name: 'Price history' }).count()).resolves.toBe(1);
    // Matching Delta's €794.99 total means €769.99 + €25 shipping; a floor of €775 holds it there.
    await expect(page.locator('.rfacts').textContent()).resolves.toContain('€769.99');
    await page.getByLabel(/Floor price/).fill('775');
    await page.getByRole('button', { name: 'Save floor' }).click();
    await page.waitForURL(/saved=1/);
    const facts = await page.locator('.rfacts').textContent();
    expect(facts).toContain('€775.00');
    expect(facts).toMatch(/floor/i);
  });

  it('makes an API token shown once, and exports the dashboard as CSV', async () => {
    await page.getByRole('link', { name: 'API tokens' }).click();
    await page.getByLabel('Name').fill('nightly import');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = (await page.locator('code.mail').textContent())!.trim();
    expect(token).toMatch(/^tulna_\d+_/);
    const answer = await fetch(`${site.url}/api/retailer/listings`, { headers: { Authorization: `Bearer ${token}` } });
    expect(answer.status).toBe(200);
    await page.reload();
    await expect(page.locator('body').textContent()).resolves.not.toContain(token);

    await page.getByRole('link', { name: 'Dashboard' }).click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export these as CSV' }).click()]);
    const csv = await (await download.createReadStream()).toArray();
    const lines = Buffer.concat(csv).toString('utf8').trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/^listing_id,/);
    expect(lines.length).toBe(4);
    expect(problems).toEqual([]);
  });
});
