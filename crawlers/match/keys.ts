// A listing's matching keys, stored beside it so that an incremental run can find a batch's
// candidates and the catalogue's term frequencies in the database instead of reloading everything.
import { codeBlockingKeys } from './model-codes.ts';
import type { ListingProfile } from './profile.ts';

/** Bumped whenever the keys below change meaning: listings keyed by an older version are re-keyed. */
export const MATCH_KEYS_VERSION = 'v:2';

/** Prefixes of the identifier keys (GTIN, code blocking key): a shared one always makes a candidate. */
export const IDENTIFIER_KEY_PREFIXES = ['g:', 'k:'] as const;

/**
 * The keys of a profile: its profile terms as `buildProfiles` counts them (title words, "#code",
 * "@brand"), "g:<gtin>", "k:<code blocking key>" and the version marker.
 */
export function matchKeysOf(profile: ListingProfile): string[] {
  const keys = new Set<string>([MATCH_KEYS_VERSION, ...profile.tokens]);
  for (const c of [...profile.codes.full, ...profile.codes.pieces]) {
    keys.add(`#${c}`);
    for (const k of codeBlockingKeys(c)) keys.add(`k:${k}`);
  }
  if (profile.brand) keys.add(`@${profile.brand}`);
  if (profile.gtin) keys.add(`g:${profile.gtin}`);
  return [...keys];
}
