// BigCommerce (Stencil themes): assets on cdnN.bigcommerce.com, the BCData object, stencil
// bootstrap and data-stencil attributes. Its Storefront GraphQL API needs a token, so its pages
// are read from the sitemap it always publishes at /xmlsitemap.php: an index whose product children
// are ?type=products&page=N (product URLs are bare slugs, so no URL shape tells them apart).
import type { PlatformFingerprint } from '../types.ts';

export const bigcommerce: PlatformFingerprint = {
  platform: 'bigcommerce',
  label: 'BigCommerce',
  signals: [
    { where: 'markup', pattern: /\/\/cdn\d*(?:-[a-z0-9]+)?\.bigcommerce\.com\//i, weight: 3, signal: 'asset from cdn….bigcommerce.com' },
    { where: 'script', pattern: /\bvar\s+BCData\s*=|\bwindow\.BCData\b/, weight: 3, signal: 'the BCData object' },
    { where: 'script', pattern: /\bstencilBootstrap\b|\bstencil-utils\b/, weight: 3, signal: 'Stencil theme bootstrap (stencil-utils)' },
    { where: 'markup', pattern: /\bdata-stencil-[a-z-]+/i, weight: 2, signal: 'data-stencil-… attributes' },
    { where: 'markup', pattern: /\bstencil-utils\b/i, weight: 2, signal: 'stencil-utils asset' },
    { where: 'cookie', pattern: /^(?:SHOP_SESSION_TOKEN|fornax_anonymousId|SF-CSRF-TOKEN)$/m, weight: 2, signal: 'BigCommerce cookie' },
  ],
  pages: {
    sitemapPaths: ['xmlsitemap.php'],
    productSitemapPattern: '[?&]type=products(?:&|$)',
  },
};
