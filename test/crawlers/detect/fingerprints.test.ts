import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pageFacts, regionOf } from '../../../crawlers/detect/page-facts.ts';
import { cookieNames, pageParts } from '../../../crawlers/detect/page-parts.ts';
import { shopRootOf, storeIdOf } from '../../../crawlers/detect/propose-config.ts';
import { platformOfPage, scorePlatforms } from '../../../crawlers/detect/score.ts';
import { categoryLinks, productShapeOf } from '../../../crawlers/detect/link-shapes.ts';
import { FIXTURES } from './fixture-shops.ts';

const home = (name: string) => readFileSync(join(FIXTURES, name, 'home.html'), 'utf8').replaceAll('{{origin}}', 'https://shop.example');

describe('platform fingerprints on a page alone (no endpoint asked)', () => {
  it.each([
    ['shopify', 'shopify'],
    ['woocommerce', 'woocommerce'],
    ['magento', 'magento'],
    ['prestashop', 'prestashop'],
    ['opencart', 'opencart'],
    ['bigcommerce', 'bigcommerce'],
    ['plain', null],
    ['mentions', null],
  ] as const)('%s → %s', (name, platform) => {
    expect(platformOfPage(pageParts(home(name)))).toBe(platform);
  });

  it('reads tags, attributes and scripts, never the text between tags, comments or JSON-LD', () => {
    const parts = pageParts(
      '<html><head><script type="application/ld+json">{"description":"Shopify.theme = 1"}</script></head>' +
        '<body><!-- <script src="//cdn.shopify.com/s/x.js"></script> --><p>Shopify.theme = {} var BCData = {}</p>' +
        '<textarea>&lt;script type="text/x-magento-init"&gt;</textarea></body></html>',
    );
    expect(scorePlatforms(parts)).toEqual([]);
    expect(parts.scripts).toBe('');
  });

  it('takes evidence from headers and cookies too, each signal once', () => {
    const parts = pageParts('<html><body>shop</body></html>', {
      'x-shopify-stage': 'production',
      'set-cookie': '_shopify_y=1; Expires=Wed, 09 Jun 2027 10:18:14 GMT; path=/, _shopify_s=2; path=/',
    });
    expect(parts.cookies).toEqual(['_shopify_y', '_shopify_s']);
    const [shopify] = scorePlatforms(parts);
    expect(shopify).toMatchObject({ platform: 'shopify', score: 5 });
    expect(shopify.evidence.map((e) => e.where)).toEqual(['header', 'cookie']);
  });

  it('needs more than a hint: a link to opencart.com or a WordPress theme alone names no platform', () => {
    expect(platformOfPage(pageParts('<a href="https://www.opencart.com/">OpenCart</a>'))).toBeNull();
    expect(platformOfPage(pageParts('<link rel="stylesheet" href="/wp-content/themes/twentytwenty/style.css">'))).toBeNull();
  });

  it("takes a widget's /static/frontend/ bundle for no Magento: Magento's path names vendor, theme and locale", () => {
    expect(platformOfPage(pageParts('<script src="https://widgets.example/2f9e/static/frontend/latest/build.min.js"></script>'))).toBeNull();
    expect(platformOfPage(pageParts('<link href="/static/frontend/Magento/luma/en_US/css/styles-m.css">'))).toBe('magento');
  });

  it('takes a Magento 1 page (skin/frontend, Mage.Cookies) for no Magento 2', () => {
    const m1 = '<script src="/js/varien/js.js"></script><link href="/skin/frontend/default/modern/css/styles.css"><script>Mage.Cookies.path = "/";</script>';
    expect(platformOfPage(pageParts(m1))).toBeNull();
  });

  it('reads only the start of a huge page, in bounded time', () => {
    const huge = `<html><head><script>Shopify.theme = {}</script></head><body>${'<div class="x">filler</div>'.repeat(400_000)}</body></html>`;
    const started = Date.now();
    expect(platformOfPage(pageParts(huge))).toBe('shopify');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('what a page says about its shop', () => {
  it('name from og:site_name, else the title part the host names, else the shortest; currency from markup; country from lang', () => {
    expect(pageFacts(home('woocommerce'), 'https://hollowpine.example/')).toEqual({ name: 'Hollow Pine Pottery', country: 'US' });
    expect(pageFacts('<title>Online Shopping for Phones | BazaarKart</title>', 'https://www.bazaarkart.in/').name).toBe('BazaarKart');
    expect(pageFacts('<title>Acme Tools: tools for every trade</title>', 'https://shop.example/').name).toBe('Acme Tools');
    expect(pageFacts('<title>Home Page</title>', 'https://shop.example/').name).toBeUndefined();
    expect(pageFacts('<meta property="og:price:currency" content="inr">', 'https://x.example/').currency).toBe('INR');
    expect(pageFacts('<meta property="og:price:currency" content="RUPEES">', 'https://x.example/').currency).toBeUndefined();
    expect(regionOf('en-GB')).toBe('GB');
    expect(regionOf('en_uk')).toBe('GB');
    expect(regionOf('de')).toBeUndefined();
  });

  it('store ids from hosts, shop roots from URLs', () => {
    expect(storeIdOf('www.shop.example.co.uk')).toBe('shop-example-co-uk');
    expect(storeIdOf('127.0.0.1:4401')).toBe('127-0-0-1-4401');
    expect(storeIdOf('xn--80ak6aa92e.com')).toBe('xn-80ak6aa92e-com');
    expect(shopRootOf('https://shop.example/collections/jackets?page=2')).toBe('https://shop.example/');
    expect(shopRootOf('https://shop.example/en-gb/')).toBe('https://shop.example/en-gb/');
    expect(shopRootOf('https://shop.example/index.php?route=common/home')).toBe('https://shop.example/');
  });

  it('cookie names survive Expires dates with commas', () => {
    expect(cookieNames('a=1; Expires=Wed, 09 Jun 2027 10:18:14 GMT; path=/, OCSESSID=2; path=/')).toEqual(['a', 'OCSESSID']);
    expect(cookieNames(undefined)).toEqual([]);
  });

  it('link shapes: the product shape most links share, category links without pagination or products', () => {
    const links = ['/p/a', '/p/b', '/p/c', '/products/x', '/category/tv', '/category/tv?page=2', '/c/phones'].map((p) => `https://s.example${p}`);
    expect(productShapeOf(links)).toEqual({ name: '/p/…', pattern: '/p/[^/?#]+' });
    expect(productShapeOf(links.slice(3))).toBeUndefined();
    expect(categoryLinks(links, undefined, /\/p\//)).toEqual(['https://s.example/category/tv', 'https://s.example/c/phones']);
  });
});
