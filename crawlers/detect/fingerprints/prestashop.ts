// PrestaShop: the `prestashop` JavaScript object (1.7+), its generator tag (1.6), theme and module
// assets (/modules/ps_*), its cookie. It has no public catalogue API (its webservice needs a key),
// so its pages are read: friendly product URLs start with the product id ("/12-blue-shirt.html").
import type { PlatformFingerprint } from '../types.ts';

export const prestashop: PlatformFingerprint = {
  platform: 'prestashop',
  label: 'PrestaShop',
  signals: [
    { where: 'script', pattern: /\bvar\s+prestashop\s*=\s*\{|\bprestashop\s*=\s*\{\s*"/, weight: 3, signal: 'the prestashop JavaScript object' },
    { where: 'generator', pattern: /^PrestaShop\b/im, weight: 3, signal: 'generator tag names PrestaShop' },
    { where: 'markup', pattern: /\/modules\/ps_[a-z_]+\//i, weight: 3, signal: 'asset from /modules/ps_…' },
    { where: 'cookie', pattern: /^PrestaShop-[0-9a-f]{32}$/m, weight: 3, signal: 'PrestaShop cookie' },
    { where: 'header', pattern: /^powered-by: PrestaShop/im, weight: 3, signal: '"Powered-By: PrestaShop" header' },
    { where: 'markup', pattern: /\/themes\/[a-z0-9_-]+\/assets\/(?:css|js)\/(?:theme|core)\.(?:css|js)/i, weight: 2, signal: 'PrestaShop theme assets (themes/…/assets/)' },
    { where: 'markup', pattern: /\bdata-id-product=["']?\d+/i, weight: 1, signal: 'data-id-product attribute' },
  ],
  pages: {
    productUrlPattern: '/\\d+(?:-\\d+)?-[^/?#]+\\.html(?:$|[?#])|[?&]id_product=\\d+',
    categoryLinkPattern: '/\\d+-[a-z0-9-]+/?(?:$|[?#])|[?&]id_category=\\d+',
    sitemapPaths: ['1_index_sitemap.xml', 'sitemap.xml'],
  },
};
