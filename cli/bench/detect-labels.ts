// Platform labels for the saved real pages of shared/datasets/product-pages, by the page's origin (its
// host). The dataset carries no platform field: these labels are ours, written by hand, each with why.
// A host is labelled only where the platform is known from the origin itself: the URL scheme a platform
// imposes, or a large retailer's or marketplace's own well-known platform. Every other host stays
// unlabelled and is left out of the score (the benchmark still prints what the detector says).
import type { PlatformId } from '../../crawlers/detect/index.ts';

export type PlatformLabel = PlatformId | 'other';

export interface OriginLabel {
  host: RegExp;
  platform: PlatformLabel;
  why: string;
}

const IN_HOUSE = 'the in-house platform of a large retailer or marketplace';
const SFCC = 'a Salesforce Commerce Cloud (Demandware) shop';

export const ORIGIN_LABELS: readonly OriginLabel[] = [
  // Both positives were labelled by reading the page source as well as the URL, so they are not
  // independent of the fingerprints: say so with the figure.
  { host: /(^|\.)mediamarkt\.pt$/, platform: 'shopify', why: "Shopify's /products/<handle> URLs; the page names its myshopify.com shop" },
  { host: /(^|\.)almedina\.net$/, platform: 'magento', why: "Magento 2's <url_key>.html URLs; the page loads static/version…/frontend/ assets" },
  { host: /(^|\.)amazon\.(com|co\.uk|de)$/, platform: 'other', why: IN_HOUSE },
  { host: /(^|\.)ebay\.com$/, platform: 'other', why: IN_HOUSE },
  { host: /(^|\.)ikea\.com$/, platform: 'other', why: IN_HOUSE },
  { host: /(^|\.)johnlewis\.com$/, platform: 'other', why: IN_HOUSE },
  { host: /(^|\.)argos\.co\.uk$/, platform: 'other', why: IN_HOUSE },
  { host: /(^|\.)otto\.de$/, platform: 'other', why: IN_HOUSE },
  { host: /(^|\.)zalando\.ie$/, platform: 'other', why: IN_HOUSE },
  { host: /(^|\.)zara\.com$/, platform: 'other', why: IN_HOUSE },
  { host: /(^|\.)bestbuy\.ca$/, platform: 'other', why: IN_HOUSE },
  { host: /(^|\.)alibaba\.com$/, platform: 'other', why: IN_HOUSE },
  { host: /(^|\.)market\.yandex\.ru$/, platform: 'other', why: IN_HOUSE },
  { host: /(^|\.)olx\.com\.pk$/, platform: 'other', why: IN_HOUSE },
  { host: /(^|\.)smartprix\.com$/, platform: 'other', why: IN_HOUSE },
  { host: /(^|\.)emag\.ro$/, platform: 'other', why: IN_HOUSE },
  { host: /(^|\.)pcstore\.com\.tw$/, platform: 'other', why: IN_HOUSE },
  { host: /(^|\.)namshi\.com$/, platform: 'other', why: IN_HOUSE },
  { host: /(^|\.)paris\.cl$/, platform: 'other', why: SFCC },
  { host: /(^|\.)stockcenter\.com\.ar$/, platform: 'other', why: SFCC },
  { host: /(^|\.)fye\.com$/, platform: 'other', why: SFCC },
  { host: /(^|\.)strumentimusicali\.net$/, platform: 'other', why: "osCommerce's product_info.php/products_id/ URLs" },
];

export function labelOf(url: string): OriginLabel | undefined {
  const host = new URL(url).hostname.toLowerCase();
  return ORIGIN_LABELS.find((label) => label.host.test(host));
}
