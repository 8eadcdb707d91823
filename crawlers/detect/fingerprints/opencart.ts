// OpenCart: links through index.php?route=…, theme and script assets below catalog/view/, its
// OCSESSID cookie. No public catalogue API: product pages are index.php?route=product/product&product_id=N.
import type { PlatformFingerprint } from '../types.ts';

export const opencart: PlatformFingerprint = {
  platform: 'opencart',
  label: 'OpenCart',
  signals: [
    { where: 'markup', pattern: /catalog\/view\/(?:theme|javascript)\/[^"'\s]+/i, weight: 3, signal: 'asset below catalog/view/' },
    { where: 'cookie', pattern: /^OCSESSID$/m, weight: 3, signal: 'OCSESSID cookie' },
    { where: 'markup', pattern: /index\.php\?route=(?:product\/(?:product|category|search)|common\/home|checkout\/cart)/i, weight: 2, signal: 'index.php?route=… links' },
    { where: 'script', pattern: /\bcart\.add\(\s*'\d+'/, weight: 1, signal: "cart.add('…') calls" },
    { where: 'markup', pattern: /<a[^>]+href=["']?https?:\/\/(?:www\.)?opencart\.com\/?["'\s>]/i, weight: 1, signal: 'a link to opencart.com' },
  ],
  pages: {
    // Both parameters, in either order (links are read with their entities decoded).
    productUrlPattern: '^(?=.*[?&]route=product/product(?:&|$))(?=.*[?&]product_id=\\d+)',
    categoryLinkPattern: '^(?=.*[?&]route=product/category(?:&|$))(?=.*[?&]path=[\\d_]+)',
    sitemapPaths: ['index.php?route=extension/feed/google_sitemap', 'sitemap.xml'],
  },
};
