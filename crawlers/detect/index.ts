// Platform detection: which shop platform a base URL runs on, and the store configuration to read it.
export { detectStore, DetectionError, type DetectionReport, type DetectStoreOptions } from './detect-store.ts';
export { createDetectionFetcher, DETECTION_POLITENESS } from './detect-fetcher.ts';
export { FINGERPRINTS, fingerprintOf } from './fingerprints/index.ts';
export { pageParts } from './page-parts.ts';
export { platformOfPage, scorePlatforms, DETECTED_SCORE } from './score.ts';
export { storeIdOf, shopRootOf } from './propose-config.ts';
export { PLATFORM_IDS, type Evidence, type PlatformId, type PlatformScore } from './types.ts';
