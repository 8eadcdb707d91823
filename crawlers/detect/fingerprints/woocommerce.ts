// WooCommerce (on WordPress): its plugin assets and body classes, its script parameters, a WooCommerce
// generator tag; proved by the public Store API (/wp-json/wc/store/v1/products).
import { z } from 'zod';
import { isIsoCurrency } from '../../normalise/currency.ts';
import type { PlatformFingerprint } from '../types.ts';

const storeApiAnswer = z.array(
  z
    .object({
      permalink: z.string().url().optional(),
      prices: z.object({ currency_code: z.string() }).passthrough().optional(),
    })
    .passthrough(),
);

export const woocommerce: PlatformFingerprint = {
  platform: 'woocommerce',
  label: 'WooCommerce',
  signals: [
    { where: 'markup', pattern: /\/wp-content\/plugins\/woocommerce\//i, weight: 3, signal: 'asset from wp-content/plugins/woocommerce' },
    { where: 'markup', pattern: /<body[^>]*\bclass=["'][^"']*\bwoocommerce(?:-page|-no-js|-js)?\b/i, weight: 3, signal: 'woocommerce body class' },
    { where: 'script', pattern: /\b(?:wc_add_to_cart_params|woocommerce_params|wc_cart_fragments_params)\b/, weight: 3, signal: 'WooCommerce script parameters' },
    { where: 'generator', pattern: /^WooCommerce\b/im, weight: 3, signal: 'generator tag names WooCommerce' },
    { where: 'markup', pattern: /\bclass=["'][^"']*\bwc-block-[a-z-]+/i, weight: 2, signal: 'WooCommerce blocks (wc-block-…)' },
    { where: 'cookie', pattern: /^(?:woocommerce_[a-z_]+|wp_woocommerce_session_[0-9a-f]+)$/m, weight: 2, signal: 'WooCommerce cookie' },
    { where: 'markup', pattern: /\/wp-content\/(?:themes|plugins)\//i, weight: 1, signal: 'a WordPress site (wp-content)' },
  ],
  api: {
    path: 'wp-json/wc/store/v1/products?per_page=1',
    read(json) {
      const answer = storeApiAnswer.safeParse(json);
      if (!answer.success) return { error: 'not a Store API product list (expected a JSON array of products)' };
      const first = answer.data[0];
      const currency = first?.prices?.currency_code?.toUpperCase();
      return {
        detail: `the Store API listed ${answer.data.length} product(s)`,
        ...(currency && isIsoCurrency(currency) ? { currency } : {}),
        ...(first?.permalink ? { productUrl: first.permalink } : {}),
      };
    },
  },
  pages: {
    productUrlPattern: '/product/[^/?#]+',
    categoryLinkPattern: '/product-category/[^?#]+',
    sitemapPaths: ['wp-sitemap.xml', 'sitemap_index.xml', 'product-sitemap.xml'],
  },
};
