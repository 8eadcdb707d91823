// detectStore: from a shop's base URL alone, which platform it runs on (and why), and the store
// configuration that reads it best: the platform's catalogue API when it answers, else its sitemap,
// else start pages from its home page. Every request goes through the polite fetcher (robots.txt,
// rate limits, the private-address guard), a dozen at most.
import type { StoreConfig, StoreConfigInput } from '../config/store-config.ts';
import type { Fetcher, FetchErrorKind } from '../core/types.ts';
import { DEFAULT_PRODUCT_PATTERN } from '../discovery/discovery-types.ts';
import { localCurrency } from '../extract/country-currency.ts';
import { probePlatformApi } from './api-probe.ts';
import { fingerprintOf } from './fingerprints/index.ts';
import { categoryLinks, productShapeOf, sameShopLinks, toRegExp } from './link-shapes.ts';
import { pageFacts } from './page-facts.ts';
import { pageParts } from './page-parts.ts';
import { proposeConfig, shopRootOf } from './propose-config.ts';
import { samplePage, type PageSample } from './sample-page.ts';
import { DETECTED_SCORE, ENDPOINT_WEIGHT, scorePlatforms, SUSPECTED_SCORE } from './score.ts';
import { findSitemap, type SitemapFinding } from './sitemap-probe.ts';
import type { PlatformFingerprint, PlatformId, PlatformScore, ProbeFacts } from './types.ts';

/** Platforms whose catalogue API a structured source reads (the discovery kind of the same name). */
const API_DISCOVERY: Partial<Record<PlatformId, 'shopify' | 'woocommerce' | 'magento'>> = {
  shopify: 'shopify',
  woocommerce: 'woocommerce',
  magento: 'magento',
};
/** Endpoints asked at most: the two best suspects. */
const MAX_PROBES = 2;

export interface DetectStoreOptions {
  fetcher: Fetcher;
  /** One line per step, for the operator. */
  onProgress?(message: string): void;
  /** The operator's own answers, which win over what the pages say. */
  currency?: string;
  country?: string;
}

export interface DetectionReport {
  /** The URL asked, and the home page it led to. */
  url: string;
  homeUrl: string;
  /** The platform, or null for a shop on none of the known ones. */
  platform: PlatformId | null;
  platformLabel: string | null;
  /** The endpoint whose answer proved the platform, when one did. */
  confirmedBy: string | null;
  /** Every platform with evidence, best first (the CLI prints why). */
  candidates: PlatformScore[];
  /** How the proposed config finds products, in words. */
  discoveryReason: string;
  sample: PageSample | null;
  notes: string[];
  /** The proposed store configuration as it would be written, and validated. */
  proposed: StoreConfigInput;
  config: StoreConfig;
}

export class DetectionError extends Error {
  constructor(
    message: string,
    readonly kind: FetchErrorKind | 'not_a_shop' | 'no_currency' | 'bad_url',
  ) {
    super(message);
    this.name = 'DetectionError';
  }
}

function parseShopUrl(address: string): URL {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new DetectionError(`Expected an http(s) URL such as https://shop.example/, found ${JSON.stringify(address)}`, 'bad_url');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DetectionError(`Expected an http or https URL, found ${url.protocol} in ${url.href}`, 'bad_url');
  }
  url.hash = '';
  return url;
}

interface Discovered {
  discovery: StoreConfigInput['discovery'];
  reason: string;
  /** Candidate product pages to sample, best first. */
  productUrls: string[];
}

async function pageDiscovery(
  fetcher: Fetcher,
  shopRoot: string,
  home: { url: string; html: string },
  fingerprint: PlatformFingerprint | null,
  progress: (message: string) => void,
): Promise<Discovered> {
  const label = fingerprint?.label;
  const sitemap: SitemapFinding | null = await findSitemap({ fetcher, shopRoot, platformPaths: fingerprint?.pages.sitemapPaths ?? [], onProgress: progress });
  if (sitemap) {
    const childPattern = fingerprint?.pages.productSitemapPattern;
    // A platform's product sitemaps list product pages only: no URL shape is needed then.
    const shape = fingerprint?.pages.productUrlPattern ?? (childPattern ? undefined : productShapeOf(sitemap.sampleUrls)?.pattern);
    const pattern = shape ? toRegExp(shape) : undefined;
    const productUrls = sitemap.sampleUrls.filter((u) => (pattern ? pattern.test(u) : new URL(u).pathname.length > 1));
    return {
      discovery: {
        kind: 'sitemap',
        url: sitemap.url,
        ...(shape ? { productUrlPattern: shape } : {}),
        ...(childPattern ? { sitemapUrlPattern: childPattern } : {}),
      },
      reason: `the sitemap at ${sitemap.url} (from ${sitemap.from})${childPattern ? `, its product sitemaps (${label}'s ${childPattern})` : ''}${shape ? `, product pages matching ${shape}${fingerprint?.pages.productUrlPattern ? ` (${label}'s product URLs)` : ''}` : ''}`,
      productUrls,
    };
  }
  const links = sameShopLinks(home.html, home.url);
  const shape = fingerprint?.pages.productUrlPattern ?? productShapeOf(links)?.pattern;
  const productPattern = shape ? toRegExp(shape) : undefined;
  const starts = categoryLinks(links, fingerprint?.pages.categoryLinkPattern, productPattern);
  const productUrls = links.filter((u) => (productPattern ?? DEFAULT_PRODUCT_PATTERN).test(u));
  return {
    discovery: { kind: 'start-pages', urls: starts.length > 0 ? starts : [home.url], ...(shape ? { productLinkPattern: shape } : {}) },
    reason:
      `no sitemap found: ${starts.length > 0 ? `${starts.length} category page(s) linked from the home page` : 'the home page'} as start pages` +
      (shape ? `, product links matching ${shape}` : ', product links by the common shapes'),
    productUrls,
  };
}

export async function detectStore(address: string, options: DetectStoreOptions): Promise<DetectionReport> {
  const { fetcher } = options;
  const progress = (message: string) => options.onProgress?.(message);
  const url = parseShopUrl(address);
  progress(`Fetching the home page ${url.href}`);
  const home = await fetcher.fetch({ url: url.href, expect: 'html' });
  if (home.kind !== 'ok') {
    const kind = home.kind === 'error' ? home.error.kind : 'not_a_shop';
    const why = home.kind === 'error' ? home.error.message : home.kind === 'gone' ? `it answered HTTP ${home.status}` : 'it answered 304';
    throw new DetectionError(`Could not read the home page ${url.href}: ${why}`, kind);
  }
  const shopRoot = shopRootOf(home.url);
  const parts = pageParts(home.body, home.headers ?? {});
  const candidates = scorePlatforms(parts);
  progress(
    `Home page read (${Math.round(home.bytes.byteLength / 1024)} kB): ` +
      (candidates.length > 0 ? candidates.map((c) => `${c.label} ${c.score}`).join(', ') : 'no platform markers'),
  );

  const notes: string[] = [];
  const confirmed = new Map<PlatformId, { url: string; facts: ProbeFacts }>();
  const suspects = candidates.filter((c) => c.score >= SUSPECTED_SCORE && API_DISCOVERY[c.platform]).slice(0, MAX_PROBES);
  for (const suspect of suspects) {
    const fingerprint = fingerprintOf(suspect.platform);
    progress(`Asking ${fingerprint.label}'s public endpoint /${fingerprint.api!.path.split('?')[0]}`);
    const probe = await probePlatformApi(fetcher, fingerprint, shopRoot);
    if (probe.ok) {
      progress(`  ${fingerprint.label} confirmed: ${probe.facts.detail}`);
      confirmed.set(suspect.platform, { url: probe.url, facts: probe.facts });
      suspect.evidence.push({ signal: probe.facts.detail, where: 'endpoint', weight: ENDPOINT_WEIGHT });
      suspect.score += ENDPOINT_WEIGHT;
    } else {
      progress(`  no ${fingerprint.label} answer: ${probe.reason}`);
      notes.push(`${fingerprint.label}'s endpoint ${probe.url} did not answer as ${fingerprint.label} (${probe.reason})`);
    }
  }
  candidates.sort((a, b) => b.score - a.score);
  const [best, second] = candidates;
  const platform = best && best.score >= DETECTED_SCORE && best.score > (second?.score ?? 0) ? best.platform : null;
  const fingerprint = platform ? fingerprintOf(platform) : null;
  const proof = platform ? confirmed.get(platform) : undefined;
  if (platform === null && best && best.score >= DETECTED_SCORE) notes.push(`${best.label} and ${second?.label} show equal evidence: no platform chosen`);

  const apiKind = platform ? API_DISCOVERY[platform] : undefined;
  let discovered: Discovered;
  if (apiKind && proof) {
    discovered = { discovery: { kind: apiKind }, reason: `${fingerprint!.label}'s catalogue API (${proof.facts.detail})`, productUrls: proof.facts.productUrl ? [proof.facts.productUrl] : [] };
  } else {
    if (apiKind) notes.push(`${fingerprint!.label}'s catalogue API did not answer: its pages are read instead`);
    discovered = await pageDiscovery(fetcher, shopRoot, { url: home.url, html: home.body }, fingerprint, progress);
  }

  const sampleUrl = discovered.productUrls.find((u) => u !== home.url);
  let sample: PageSample | null = null;
  if (sampleUrl) {
    progress(`Reading a product page: ${sampleUrl}`);
    sample = await samplePage(fetcher, sampleUrl, options.country ?? fingerprint?.pageFacts?.(parts).country ?? pageFacts(home.body, home.url).country);
    progress(`  ${sample.note}`);
    if (!sample.read) notes.push(`The sampled product page ${sampleUrl}: ${sample.note}`);
  } else {
    notes.push('No product page was found to sample: the markup kind is a guess (jsonld)');
  }

  const homeFacts = pageFacts(home.body, home.url);
  const platformFacts = fingerprint?.pageFacts?.(parts) ?? {};
  const country = options.country ?? platformFacts.country ?? homeFacts.country;
  const known =
    options.currency ?? proof?.facts.currency ?? platformFacts.currency ?? (sample?.read ? sample.currency : undefined) ?? homeFacts.currency ?? localCurrency(home.url, country);
  let currency = known;
  const guess = sample?.read ? sample.currencyGuess : undefined;
  if (!currency && guess) {
    currency = guess.code;
    notes.push(`The pages write prices in "${guess.text}", which stands for ${[guess.code, ...guess.others].join(', ')}: ${guess.code} assumed (pass --currency to choose)`);
  }
  if (!currency) {
    throw new DetectionError(`Could not tell the currency of ${shopRoot}: no page or endpoint names it; pass --currency`, 'no_currency');
  }
  const hosts = [new URL(home.url).host, url.host];
  const { input, config } = proposeConfig({
    shopRoot,
    hosts,
    name: proof?.facts.name ?? homeFacts.name ?? new URL(shopRoot).host,
    currency,
    country,
    sourceKind: sample && (sample.read || sample.sourceKind === 'browser') ? sample.sourceKind : 'jsonld',
    discovery: discovered.discovery,
  });
  return {
    url: url.href,
    homeUrl: home.url,
    platform,
    platformLabel: fingerprint?.label ?? null,
    confirmedBy: proof?.url ?? null,
    candidates,
    discoveryReason: discovered.reason,
    sample,
    notes,
    proposed: input,
    config,
  };
}
