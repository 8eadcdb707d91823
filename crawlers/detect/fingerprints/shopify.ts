// Shopify: its storefront script objects (Shopify.shop, Shopify.theme, ShopifyAnalytics), assets on
// cdn.shopify.com or the shop's own /cdn/shop/, x-shopify-* headers; proved by the public /products.json.
import { z } from 'zod';
import type { PlatformFingerprint } from '../types.ts';

const productsAnswer = z.object({ products: z.array(z.object({ handle: z.string().regex(/^[^/?#\s]+$/) }).passthrough()) }).passthrough();

/** `Shopify.currency = {"active":"INR",…}` and `Shopify.country = "IN"`, printed by every theme. */
function shopifyPageFacts(scripts: string): { currency?: string; country?: string } {
  const currency = /Shopify\.currency\s*=\s*\{[^}]{0,200}?"active"\s*:\s*"([A-Z]{3})"/.exec(scripts)?.[1];
  const country = /Shopify\.country\s*=\s*"([A-Z]{2})"/.exec(scripts)?.[1];
  return { ...(currency ? { currency } : {}), ...(country ? { country } : {}) };
}

export const shopify: PlatformFingerprint = {
  platform: 'shopify',
  label: 'Shopify',
  signals: [
    { where: 'script', pattern: /\bShopify\.(?:shop|theme)\s*=/, weight: 3, signal: 'Shopify.shop / Shopify.theme set by the storefront' },
    { where: 'script', pattern: /\bShopifyAnalytics\b/, weight: 3, signal: 'ShopifyAnalytics object' },
    { where: 'header', pattern: /^(?:x-shopify-stage|x-shopid|x-shardid|x-shopify-[a-z-]+):/m, weight: 3, signal: 'x-shopify response header' },
    { where: 'header', pattern: /^powered-by: Shopify/im, weight: 3, signal: '"Powered-By: Shopify" header' },
    { where: 'markup', pattern: /<meta[^>]+name=["']?shopify-(?:checkout-api-token|digital-wallet)/i, weight: 3, signal: 'shopify-checkout meta tag' },
    { where: 'markup', pattern: /\/\/cdn\.shopify\.com\/s\//i, weight: 2, signal: 'asset from cdn.shopify.com' },
    { where: 'markup', pattern: /["'\s](?:https?:)?\/\/[^"'\s/]+\/cdn\/shop\/(?:files|t|products)\//i, weight: 2, signal: "asset below the shop's own /cdn/shop/" },
    { where: 'markup', pattern: /[a-z0-9-]+\.myshopify\.com/i, weight: 2, signal: 'a myshopify.com shop address' },
    { where: 'markup', pattern: /\bclass=["'][^"']*\bshopify-section\b/i, weight: 2, signal: 'theme sections (shopify-section)' },
    { where: 'cookie', pattern: /^(?:_shopify_y|_shopify_s|cart_sig|_shopify_sa_p)$/m, weight: 2, signal: 'Shopify cookie' },
  ],
  api: {
    path: 'products.json?limit=1',
    read(json, root) {
      const answer = productsAnswer.safeParse(json);
      if (!answer.success) return { error: 'not a Shopify products list (expected {"products": [...]})' };
      const first = answer.data.products[0];
      return {
        detail: `/products.json listed ${answer.data.products.length} product(s)`,
        ...(first ? { productUrl: new URL(`products/${encodeURIComponent(first.handle)}`, root).href } : {}),
      };
    },
  },
  pages: {
    productUrlPattern: '/products/[^/?#]+',
    categoryLinkPattern: '/collections/[^/?#]+',
    sitemapPaths: ['sitemap.xml'],
  },
  pageFacts: (parts) => shopifyPageFacts(parts.scripts),
};
