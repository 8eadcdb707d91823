// An offer's condition: schema.org itemCondition ("https://schema.org/UsedCondition") or a shop's words
// ("Renewed", "Pre-owned", "Open box") → new, used or refurbished. Damaged goods count as used: used and
// refurbished offers are shown apart and never compared with new ones.
import type { ListingCondition } from '../../domain/listing.ts';

const SCHEMA_CONDITIONS: Record<string, ListingCondition> = {
  newcondition: 'new',
  usedcondition: 'used',
  refurbishedcondition: 'refurbished',
  damagedcondition: 'used',
};

/** A whole-word pattern in any script (\b only knows ASCII letters). */
const words = (alternatives: string) => new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives})(?![\\p{L}\\p{N}])`, 'iu');
const REFURBISHED = words('refurb\\p{L}*|renewed|reconditioned|remanufactured|generalüberholt|reconditionné|reacondicionado|ricondizionato');
// "Like new" and "open box" are used goods however well kept: checked before the plain word "new".
const USED = words('used|pre-?owned|second[- ]?hand|open[- ]?box|like[- ]new|as[- ]new|damaged|gebraucht|occasion|usado|usato|b-?ware');
const NEW = words('new|brand[- ]new|neu|neuf|nuevo|nuovo');
const MAX_TEXT = 200;

/** The condition a value names, or null when it names none. */
export function normaliseCondition(value: string | null | undefined): ListingCondition | null {
  if (typeof value !== 'string') return null;
  const text = value.trim().slice(0, MAX_TEXT);
  if (!text) return null;
  const name = text.toLowerCase().replace(/^https?:\/\/(?:www\.)?schema\.org\//, '').replace(/^schema:/, '').replace(/[\s_-]/g, '');
  const schema = SCHEMA_CONDITIONS[name];
  if (schema) return schema;
  if (REFURBISHED.test(text)) return 'refurbished';
  if (USED.test(text)) return 'used';
  if (NEW.test(text)) return 'new';
  return null;
}
