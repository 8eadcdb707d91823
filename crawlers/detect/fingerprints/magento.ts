// Magento 2: RequireJS modules named Magento_*, static assets below /static/version…/frontend/,
// x-magento-init scripts, X-Magento headers and cookies; proved by its GraphQL storeConfig.
// (Magento 1, which has no GraphQL, prints none of these.)
import { z } from 'zod';
import { isIsoCurrency } from '../../normalise/currency.ts';
import { productUrl } from '../../sources/magento/parse.ts';
import type { PlatformFingerprint } from '../types.ts';

/**
 * Asked of /graphql to prove the platform: storeConfig is answered by every Magento 2.3+ with its
 * GraphQL API on; one product's URL key comes along for a page to sample (when the catalogue part
 * fails, GraphQL still answers storeConfig beside the error).
 */
export const STORE_CONFIG_QUERY =
  '{storeConfig{store_code store_name default_display_currency_code} products(search:"",pageSize:1){items{url_key url_suffix canonical_url}}}';

const storeConfigAnswer = z
  .object({
    data: z
      .object({
        storeConfig: z
          .object({ store_code: z.string().min(1), store_name: z.string().nullish(), default_display_currency_code: z.string().nullish() })
          .passthrough(),
      })
      .passthrough(),
  })
  .passthrough();

const firstProduct = z.object({
  data: z.object({ products: z.object({ items: z.array(z.object({ url_key: z.string().nullish(), url_suffix: z.string().nullish(), canonical_url: z.string().nullish() }).passthrough()).min(1) }) }),
});

export const magento: PlatformFingerprint = {
  platform: 'magento',
  label: 'Magento 2',
  signals: [
    { where: 'markup', pattern: /<script[^>]+type=["']?text\/x-magento-init/i, weight: 3, signal: 'text/x-magento-init script' },
    { where: 'markup', pattern: /\bMagento_[A-Z][A-Za-z]+\//, weight: 3, signal: 'Magento_* RequireJS module' },
    { where: 'script', pattern: /["']Magento_[A-Z][A-Za-z]+\//, weight: 3, signal: 'Magento_* module in a script' },
    // Magento's own layout: /static/[versionN/]frontend/<Vendor>/<theme>/<ll_CC>/ (a bare "/static/frontend/" is common elsewhere).
    { where: 'markup', pattern: /\/static\/(?:version\d+\/)?frontend\/[A-Za-z0-9_]+\/[A-Za-z0-9_-]+\/[a-z]{2}_[A-Z]{2}\/|\/static\/_cache\/merged\//, weight: 3, signal: 'static asset below /static/…/frontend/<Vendor>/<theme>/<locale>/' },
    { where: 'header', pattern: /^x-magento-[a-z-]+:/m, weight: 3, signal: 'X-Magento response header' },
    { where: 'cookie', pattern: /^(?:X-Magento-Vary|mage-cache-storage|mage-cache-sessid|mage-messages)$/m, weight: 3, signal: 'Magento cookie' },
    { where: 'markup', pattern: /\/requirejs-config\.js/i, weight: 2, signal: 'requirejs-config.js' },
    { where: 'markup', pattern: /\/mage\/(?:calendar|gallery|requirejs)[^"'\s]*/i, weight: 2, signal: 'mage/ library asset' },
  ],
  api: {
    path: `graphql?query=${encodeURIComponent(STORE_CONFIG_QUERY)}`,
    read(json, root) {
      const answer = storeConfigAnswer.safeParse(json);
      if (!answer.success) return { error: 'not a Magento GraphQL storeConfig answer' };
      const config = answer.data.data.storeConfig;
      const currency = config.default_display_currency_code?.toUpperCase();
      const name = config.store_name?.trim();
      const product = firstProduct.safeParse(json);
      const sample = product.success ? productUrl(root, product.data.data.products.items[0]) : null;
      return {
        detail: `GraphQL storeConfig answered (store "${config.store_code}")`,
        ...(currency && isIsoCurrency(currency) ? { currency } : {}),
        // Magento names every fresh store view "Default Store View": no name at all.
        ...(name && !/^default store view$/i.test(name) ? { name } : {}),
        ...(sample ? { productUrl: sample } : {}),
      };
    },
  },
  pages: {
    // Products and categories both end in ".html": no pattern tells them apart.
    sitemapPaths: ['sitemap.xml', 'pub/sitemap.xml'],
  },
};
