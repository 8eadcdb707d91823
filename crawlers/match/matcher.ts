// The matching core: listings in, canonical products (clusters) out. Pure and in-memory; the
// database layer (run-matching.ts) and the benchmark both call `clusterListings`.
import { candidatePairs } from './candidates.ts';
import { ConstrainedClusters } from './clusters.ts';
import { buildProfiles } from './profile.ts';
import { pairVeto, scorePair } from './score.ts';
import type { MatchCluster, MatchListing, MatchMethod, MatchOptions, ScoredPair } from './types.ts';

/** Minimum margin-weighted score for a match without a shared GTIN. */
export const DEFAULT_THRESHOLD = 0.95;

export interface MatchRun {
  clusters: MatchCluster[];
  /** How often each pair of stores shares products, as estimated from this run (see `MatchOptions.storeOverlap`). */
  storeOverlap: Record<string, number>;
  /** Every pair acted on, with its margin-weighted score: the first round best first, then the second look (for diagnostics). */
  pairs: ScoredPair[];
}
/** How much a pair's lead over each listing's runner-up adds to its score. */
const MARGIN_WEIGHT = 2;
/**
 * What a clear mutual best partner (each listing's best in the other's store) adds, scaled by how
 * often the two stores share products: nothing where at most half the smaller side already has a
 * decisive partner, the full bonus where all do. Look-alikes dominate catalogues that share little.
 */
const MUTUAL_BONUS = 1.5;
/**
 * The lead a pair needs over each listing's runner-up: with two equally good partners in one store
 * (colour variants a title does not name, or a store's duplicate listings) the choice would be a guess.
 */
const MIN_MARGIN = 0.01;
/** How often two stores must share products before leftovers get a second look (see `clusterListings`). */
const SECOND_LOOK_OVERLAP = 0.5;

/**
 * The pairs worth acting on, best first. A pair counts by its score plus how far it stands above
 * each listing's next-best alternative in the same store as the partner (a product takes one
 * listing per store, so those are the rivals): a clear best partner is likelier the same product
 * than one of many look-alikes (a binder among binders). GTIN matches always count.
 */
function decisivePairs(
  scored: readonly ScoredPair[],
  storeOf: readonly number[],
  threshold: number,
  /** How often two stores (by index) share products; null: estimate it from these pairs. */
  knownOverlap: ((s: number, t: number) => number) | null,
): { pairs: ScoredPair[]; estimated: Map<string, number>; overlap: (s: number, t: number) => number } {
  // Best and second-best score of listing i against each other store, keyed "i:store".
  const top = new Map<string, [number, number]>();
  const note = (i: number, otherStore: number, s: number) => {
    const key = `${i}:${otherStore}`;
    const t = top.get(key);
    if (!t) top.set(key, [s, -Infinity]);
    else if (s > t[0]) [t[1], t[0]] = [t[0], s];
    else if (s > t[1]) t[1] = s;
  };
  for (const p of scored) {
    note(p.a, storeOf[p.b], p.score);
    note(p.b, storeOf[p.a], p.score);
  }
  const runnerUp = (i: number, otherStore: number, s: number) => {
    const [best, second] = top.get(`${i}:${otherStore}`)!;
    return Math.max(0, s === best ? second : best);
  };
  const strict = scored.map((p) => {
    const margin = Math.min(p.score - runnerUp(p.a, storeOf[p.b], p.score), p.score - runnerUp(p.b, storeOf[p.a], p.score));
    return { margin, effective: p.score + MARGIN_WEIGHT * margin };
  });
  const estimated = knownOverlap
    ? new Map<string, number>()
    : matchPrevalence(scored, storeOf, strict.map((x, k) => scored[k].method === 'gtin' || x.effective >= threshold));
  const overlap = knownOverlap ?? ((s: number, t: number) => estimated.get(pairKey(s, t)) ?? 0);
  const out: ScoredPair[] = [];
  scored.forEach((p, k) => {
    const { margin } = strict[k];
    const bonus = margin > 0 ? MUTUAL_BONUS * Math.max(0, 2 * overlap(storeOf[p.a], storeOf[p.b]) - 1) : 0;
    const effective = strict[k].effective + bonus;
    if (p.method === 'gtin' || (effective >= threshold && margin >= MIN_MARGIN)) out.push({ ...p, score: effective });
  });
  return { pairs: out.sort((x, y) => y.score - x.score), estimated, overlap };
}

const pairKey = (s: number, t: number) => (s < t ? `${s}:${t}` : `${t}:${s}`);

/** The key of a store pair in `MatchOptions.storeOverlap` and `MatchRun.storeOverlap`. */
export function storeOverlapKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/**
 * For each pair of stores, the share of the smaller side's listings (those with any candidate) that
 * already have a decisive partner: an unsupervised estimate of how often a listing of one store is
 * sold by the other too. Where most are, a clear mutual best partner is likely the same product.
 */
function matchPrevalence(scored: readonly ScoredPair[], storeOf: readonly number[], accepted: readonly boolean[]): Map<string, number> {
  const seen = new Map<string, Set<number>>();
  const matched = new Map<string, Set<number>>();
  const bump = (into: Map<string, Set<number>>, i: number, other: number) => {
    const key = `${storeOf[i]}:${other}`;
    (into.get(key) ?? into.set(key, new Set()).get(key)!).add(i);
  };
  scored.forEach((p, k) => {
    bump(seen, p.a, storeOf[p.b]);
    bump(seen, p.b, storeOf[p.a]);
    if (!accepted[k]) return;
    bump(matched, p.a, storeOf[p.b]);
    bump(matched, p.b, storeOf[p.a]);
  });
  const share = (s: number, t: number) => {
    const n = seen.get(`${s}:${t}`)?.size ?? 0;
    return { n, share: n ? (matched.get(`${s}:${t}`)?.size ?? 0) / n : 0 };
  };
  const out = new Map<string, number>();
  for (const key of seen.keys()) {
    const [s, t] = key.split(':').map(Number);
    const x = share(s, t);
    const y = share(t, s);
    out.set(pairKey(s, t), x.n <= y.n ? x.share : y.share);
  }
  return out;
}

function indexById(listings: readonly MatchListing[]): Map<string, number> {
  const byId = new Map<string, number>();
  listings.forEach((l, i) => {
    if (byId.has(l.id)) throw new TypeError(`Expected unique listing ids, found "${l.id}" twice`);
    byId.set(l.id, i);
  });
  return byId;
}

/** Groups listings into canonical products. See `MatchOptions` for existing products and human decisions. */
export function clusterListings(listings: readonly MatchListing[], options: MatchOptions = {}): MatchRun {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const byId = indexById(listings);
  const progress = options.onProgress ?? (() => {});
  progress('profiles', 0, listings.length);
  const { profiles } = buildProfiles(listings, options.frequencies);
  progress('profiles', listings.length, listings.length);

  const fixed = options.fixedCluster ?? new Map<string, string>();
  const cannot = new Map<number, Set<number>>();
  for (const [x, y] of options.cannotLink ?? []) {
    const i = byId.get(x);
    const j = byId.get(y);
    if (i === undefined || j === undefined) continue;
    (cannot.get(i) ?? cannot.set(i, new Set()).get(i)!).add(j);
    (cannot.get(j) ?? cannot.set(j, new Set()).get(j)!).add(i);
  }
  const clusters = new ConstrainedClusters(listings.length, {
    storeOf: (i) => listings[i].store,
    fixedKeyOf: (i) => fixed.get(listings[i].id) ?? null,
    vetoOf: (i, j) => pairVeto(profiles[i], profiles[j]),
    cannotLinkOf: (i) => cannot.get(i),
  });
  const method = new Array<MatchMethod | undefined>(listings.length);
  const confidence = new Float64Array(listings.length);

  // Existing products stay together; human merges are applied before any automatic decision.
  const firstOfKey = new Map<string, number>();
  for (const [id, key] of fixed) {
    const i = byId.get(id);
    if (i === undefined) continue;
    const first = firstOfKey.get(key);
    if (first === undefined) firstOfKey.set(key, i);
    else clusters.union(first, i, true);
  }
  for (const [x, y] of options.mustLink ?? []) {
    const i = byId.get(x);
    const j = byId.get(y);
    if (i === undefined || j === undefined) continue;
    if (clusters.union(i, j, true)) {
      for (const k of [i, j]) {
        method[k] = 'manual';
        confidence[k] = 1;
      }
    }
  }

  const pending = new Set<number>();
  listings.forEach((l, i) => {
    if (!fixed.has(l.id)) pending.add(i);
  });
  progress('blocking', 0, pending.size);
  const candidates = candidatePairs(profiles, {
    pending: pending.size === listings.length ? undefined : pending,
    perListing: options.candidatesPerListing,
  });
  progress('blocking', pending.size, pending.size);

  progress('scoring', 0, candidates.length);
  const scored: ScoredPair[] = [];
  for (const [a, b] of candidates) {
    const verdict = scorePair(profiles[a], profiles[b]);
    if (verdict.veto) continue;
    scored.push({ a, b, score: verdict.score, method: verdict.method });
  }
  const storeIds = new Map<string, number>();
  const storeOf = listings.map((l) => storeIds.get(l.store) ?? storeIds.set(l.store, storeIds.size).get(l.store)!);
  const storeNames = [...storeIds.keys()];
  const given = options.storeOverlap;
  const knownOverlap = given
    ? (s: number, t: number) => given[storeOverlapKey(storeNames[s], storeNames[t])] ?? 0
    : options.estimatePrevalence === false
      ? () => 0
      : null;
  const { pairs, estimated, overlap } = decisivePairs(scored, storeOf, threshold, knownOverlap);
  const storeOverlap: Record<string, number> = {};
  for (const [key, share] of estimated) {
    const [s, t] = key.split(':').map(Number);
    storeOverlap[storeOverlapKey(storeNames[s], storeNames[t])] = Math.round(share * 1000) / 1000;
  }
  progress('scoring', candidates.length, candidates.length);

  const accept = (decisive: readonly ScoredPair[]) => {
    for (const pair of decisive) {
      if (clusters.find(pair.a) === clusters.find(pair.b)) continue;
      if (!clusters.union(pair.a, pair.b)) continue;
      for (const k of [pair.a, pair.b]) {
        if (method[k] !== undefined || !pending.has(k)) continue;
        method[k] = pair.method;
        confidence[k] = Math.min(1, pair.method === 'gtin' ? 1 : pair.score);
      }
    }
  };
  accept(pairs);

  // A second look where two stores share most products: a listing whose rivals were taken by their
  // own partners is judged again against the alternatives still open ("Harmony One" once "Harmony
  // 1000" has its match). Where sharing is rare, a best among leftovers is more often a look-alike.
  const open = scored.filter(
    (p) => overlap(storeOf[p.a], storeOf[p.b]) > SECOND_LOOK_OVERLAP && clusters.find(p.a) !== clusters.find(p.b) && clusters.blockedReason(p.a, p.b) === null,
  );
  const secondLook = decisivePairs(open, storeOf, threshold, overlap).pairs;
  accept(secondLook);

  const out: MatchCluster[] = clusters.list().map(({ key, members }) => ({
    key,
    listings: members.map((i) => {
      const m = method[i] ?? (pending.has(i) ? 'singleton' : 'existing');
      return {
        listingId: listings[i].id,
        method: m,
        confidence: m === 'singleton' || m === 'existing' ? 1 : Math.round(confidence[i] * 1000) / 1000,
      };
    }),
  }));
  return { clusters: out, storeOverlap, pairs: [...pairs, ...secondLook] };
}
