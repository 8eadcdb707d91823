// URL discovery: which pages of a store are product pages.
export { discoverProductUrls, storeHostMatcher } from './discover.ts';
export { DEFAULT_PRODUCT_PATTERN, type DiscoveryOptions, type DiscoveryProgress } from './discovery-types.ts';
export { DiscoveryError } from './errors.ts';
export { canonicaliseUrl, isTrackingParam } from './canonical-url.ts';
export { extractLinks, isPaginationLink, type PageLink } from './link-extract.ts';
export { parseSitemap, SitemapParseError, type ParsedSitemap } from './sitemap-parse.ts';
