// Product matching: the pure core (clusterListings) and its database runs.
export { clusterListings, DEFAULT_THRESHOLD, type MatchRun } from './matcher.ts';
export { matchListings, rebuildMatches, type MatchListingsOptions, type MatchSummary } from './run-matching.ts';
export { mergeListings, splitListing, type MergeTargets } from './decisions.ts';
export { chooseCanonicalFields, type CanonicalFields, type CanonicalSource } from './canonical.ts';
export type { MatchCluster, MatchedListing, MatchListing, MatchMethod, MatchOptions } from './types.ts';
