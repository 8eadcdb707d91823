// The address of one seller's offer on a marketplace page: the page URL plus a fragment naming the
// seller (and the condition of a used or refurbished offer), so every seller's offer is a listing
// of its own with its own price history. Fragments never reach the store: the page is fetched once.
import { createHash } from 'node:crypto';
import type { ListingCondition } from '../../domain/listing.ts';
import { stripBidiControls } from '../../domain/text.ts';

const SELLER_FRAGMENT = '#seller=';
/** Longest slug kept whole; longer names are cut and given a hash of the whole name, so they stay apart. */
const MAX_SLUG = 48;

function shortHash(text: string): string {
  return createHash('sha1').update(text).digest('hex').slice(0, 8);
}

/**
 * A stable slug of a seller's name: "Appario Retail Pvt. Ltd." → "appario-retail-pvt-ltd". Case, accents,
 * punctuation and spacing do not matter (the same seller written twice is one seller); letters of any
 * script stay (percent-encoded in the URL); a name of symbols only is named by its hash.
 */
export function sellerSlug(name: string): string {
  const squashed = stripBidiControls(name).replace(/[\s\u00a0]+/g, ' ').trim();
  const slug = squashed
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (!slug) return `seller-${shortHash(squashed)}`;
  if (slug.length <= MAX_SLUG) return slug;
  return `${slug.slice(0, MAX_SLUG).replace(/-+$/, '')}-${shortHash(slug)}`;
}

/**
 * The listing URL of one seller's offer on `pageUrl`. A new offer is `#seller=<slug>`; a used or
 * refurbished one adds `&condition=<condition>` always (not only when the seller also sells it new), so
 * a listing never changes from a used offer to a new one when the seller's other offer comes or goes.
 */
export function sellerListingUrl(pageUrl: string, seller: string, condition: ListingCondition = 'new'): string {
  const page = pageUrlOf(pageUrl);
  const slug = encodeURIComponent(sellerSlug(seller));
  return `${page}${SELLER_FRAGMENT}${slug}${condition === 'new' ? '' : `&condition=${condition}`}`;
}

/** True when the listing URL names one seller's offer on a page. */
export function isSellerListingUrl(url: string): boolean {
  return url.includes(SELLER_FRAGMENT);
}

/** The page a listing URL is read from: the URL without its seller fragment (other URLs as they are). */
export function pageUrlOf(url: string): string {
  const at = url.indexOf(SELLER_FRAGMENT);
  return at < 0 ? url : url.slice(0, at);
}
