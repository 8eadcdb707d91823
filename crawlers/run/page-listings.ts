// The listings of each product page in one crawl. A marketplace page holds one listing per seller
// (`<page>#seller=<slug>`): they share the page's validators for conditional requests, a 304 confirms
// each of them, and at the end only the sellers actually read from a page count as still listed, so a
// seller who left is marked stale while the others stay active.
import { isSellerListingUrl, pageUrlOf } from '../extract/seller-url.ts';

export interface KnownListing {
  etag: string | null;
  lastModified: string | null;
  lastCheckedAt: Date;
}

export interface PageValidators {
  etag: string | null;
  lastModified: string | null;
}

export class PageListings {
  /** Page URL → the URLs of its stored listings (the page's own, its sellers'). */
  readonly #byPage = new Map<string, string[]>();
  /** Pages read or confirmed in this crawl → the listing URLs they still hold. */
  readonly #read = new Map<string, string[]>();

  constructor(private readonly known: ReadonlyMap<string, KnownListing>) {
    for (const url of known.keys()) {
      const page = pageUrlOf(url);
      const group = this.#byPage.get(page);
      if (group) group.push(url);
      else this.#byPage.set(page, [url]);
    }
  }

  /** The stored listings of a page (the page URL itself when none is stored yet). */
  listingsOf(pageUrl: string): string[] {
    return this.#byPage.get(pageUrl) ?? [pageUrl];
  }

  /** True when the page already has listings of single sellers. */
  hasSellerListings(pageUrl: string): boolean {
    return (this.#byPage.get(pageUrl) ?? []).some(isSellerListingUrl);
  }

  /** The page's most recently checked listing: its validators are the page's (sellers' listings share them). */
  #freshest(pageUrl: string): KnownListing | undefined {
    let freshest: KnownListing | undefined;
    for (const url of this.#byPage.get(pageUrl) ?? []) {
      const listing = this.known.get(url)!;
      if (!freshest || listing.lastCheckedAt > freshest.lastCheckedAt) freshest = listing;
    }
    return freshest;
  }

  /** Validators to send when fetching the page, or undefined when no listing of it is stored. */
  validatorsFor(pageUrl: string): PageValidators | undefined {
    const freshest = this.#freshest(pageUrl);
    return freshest && { etag: freshest.etag, lastModified: freshest.lastModified };
  }

  /** When the page was last checked (its freshest listing), for resuming an interrupted crawl. */
  lastCheckedAt(pageUrl: string): Date | undefined {
    return this.#freshest(pageUrl)?.lastCheckedAt;
  }

  /**
   * The page answered "not modified" to `sent`: the listings read from that same response (holding
   * those validators) still stand. A seller listing left from an older version of the page does not.
   */
  confirmedBy(pageUrl: string, sent: PageValidators | undefined): string[] {
    const group = this.#byPage.get(pageUrl);
    if (!group || !sent) return [pageUrl];
    const confirmed = group.filter((url) => {
      const listing = this.known.get(url)!;
      return listing.etag === sent.etag && listing.lastModified === sent.lastModified;
    });
    return confirmed.length > 0 ? confirmed : [pageUrl];
  }

  /** Records the listing URLs a page holds now (read from it, or confirmed by a 304). */
  read(pageUrl: string, listingUrls: Iterable<string>): void {
    const held = this.#read.get(pageUrl);
    if (held) held.push(...listingUrls);
    else this.#read.set(pageUrl, [...listingUrls]);
  }

  /**
   * The listing URLs the store still lists: what was read from each page read; for a page the
   * crawl did not read (an error, a resumed run, a stop), every listing it had, which stays as it was.
   */
  seen(pageUrls: Iterable<string>): Set<string> {
    const seen = new Set<string>();
    for (const page of pageUrls) {
      const held = this.#read.get(page);
      for (const url of held ?? this.listingsOf(page)) seen.add(url);
      if (!held) seen.add(page);
    }
    return seen;
  }
}
