// Blocking: which listing pairs are worth scoring. Inverted indexes on GTINs, model codes and rare
// title terms keep the work near-linear in the number of listings instead of quadratic.
import { codeBlockingKeys } from './model-codes.ts';
import type { ListingProfile } from './profile.ts';

export interface CandidateOptions {
  /** Only pairs with at least one of these listings (profile indexes); all listings when absent. */
  pending?: ReadonlySet<number>;
  /** Best TF-IDF neighbours kept per listing (default 12). */
  perListing?: number;
  /** Terms and keys held by more listings than this are too common to block on (default: 1% of listings, 50..400). */
  maxPosting?: number;
}

function postingsOf(keyed: Map<string, number[]>, key: string, index: number): void {
  const list = keyed.get(key);
  if (list) list.push(index);
  else keyed.set(key, [index]);
}

/** Candidate pairs [i, j] (i < j) of listings from different stores. */
export function candidatePairs(profiles: readonly ListingProfile[], options: CandidateOptions = {}): Array<[number, number]> {
  const n = profiles.length;
  const perListing = options.perListing ?? 12;
  const maxPosting = options.maxPosting ?? Math.min(400, Math.max(50, Math.ceil(n * 0.01)));
  const isPending = (i: number) => !options.pending || options.pending.has(i);
  const pairs = new Set<number>();
  const add = (i: number, j: number) => {
    if (i === j || profiles[i].listing.store === profiles[j].listing.store) return;
    if (!isPending(i) && !isPending(j)) return;
    pairs.add(i < j ? i * n + j : j * n + i);
  };

  // Identifiers: every pair sharing a GTIN or a model-code key.
  const keyed = new Map<string, number[]>();
  for (const p of profiles) {
    if (p.gtin) postingsOf(keyed, `g:${p.gtin}`, p.index);
    for (const c of [...p.codes.full, ...p.codes.pieces]) for (const k of codeBlockingKeys(c)) postingsOf(keyed, `c:${k}`, p.index);
  }
  for (const list of keyed.values()) {
    const unique = [...new Set(list)];
    if (unique.length < 2 || unique.length > maxPosting) continue;
    for (let x = 0; x < unique.length; x += 1) {
      for (let y = x + 1; y < unique.length; y += 1) add(unique[x], unique[y]);
    }
  }

  // Title terms: the best TF-IDF neighbours over rare terms, accumulated through an inverted index
  // kept per store, so a listing only walks the postings of the other stores.
  const storeIds = new Map<string, number>();
  const storeOf = profiles.map((p) => {
    let id = storeIds.get(p.listing.store);
    if (id === undefined) storeIds.set(p.listing.store, (id = storeIds.size));
    return id;
  });
  const df = new Map<number, number>();
  for (const p of profiles) for (const term of p.terms) df.set(term, (df.get(term) ?? 0) + 1);
  const postings = new Map<number, number[][]>();
  for (const p of profiles) {
    for (let t = 0; t < p.terms.length; t += 1) {
      const term = p.terms[t];
      if (df.get(term)! > maxPosting) continue;
      let perStore = postings.get(term);
      if (!perStore) postings.set(term, (perStore = []));
      (perStore[storeOf[p.index]] ??= []).push(p.index, t);
    }
  }
  const scores = new Float64Array(n);
  const touched: number[] = [];
  const best: number[] = [];
  for (const p of profiles) {
    if (!isPending(p.index)) continue;
    const own = storeOf[p.index];
    for (let t = 0; t < p.terms.length; t += 1) {
      const perStore = postings.get(p.terms[t]);
      if (!perStore) continue;
      const w = p.weights[t];
      for (let s = 0; s < perStore.length; s += 1) {
        const list = perStore[s];
        if (s === own || !list) continue;
        for (let k = 0; k < list.length; k += 2) {
          const j = list[k];
          if (scores[j] === 0) touched.push(j);
          scores[j] += w * profiles[j].weights[list[k + 1]];
        }
      }
    }
    // Keep the best `perListing` by insertion into a short sorted array.
    for (const j of touched) {
      if (best.length === perListing && scores[j] <= scores[best[perListing - 1]]) continue;
      let at = best.length === perListing ? perListing - 1 : best.length;
      while (at > 0 && scores[best[at - 1]] < scores[j]) {
        best[at] = best[at - 1];
        at -= 1;
      }
      best[at] = j;
    }
    for (const j of best) add(p.index, j);
    for (const j of touched) scores[j] = 0;
    touched.length = 0;
    best.length = 0;
  }
  return [...pairs].map((key) => [Math.floor(key / n), key % n]);
}
