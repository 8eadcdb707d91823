// Constrained union-find: clusters grow greedily from the strongest pairs, but never take two
// listings of one store, two existing products, a vetoed pair or a pair a human split.

export interface ClusterRules {
  /** The store of listing i. */
  storeOf(i: number): string;
  /** The existing product key of listing i, or null. */
  fixedKeyOf(i: number): string | null;
  /** Why listings i and j cannot be one product (variant, accessory), or null. */
  vetoOf(i: number, j: number): string | null;
  /** Listings a human said are not listing i's product. */
  cannotLinkOf(i: number): ReadonlySet<number> | undefined;
}

interface Group {
  members: number[];
  stores: Set<string>;
  key: string | null;
}

export class ConstrainedClusters {
  private readonly parent: Int32Array;
  private readonly groups = new Map<number, Group>();

  constructor(
    size: number,
    private readonly rules: ClusterRules,
  ) {
    this.parent = new Int32Array(size);
    for (let i = 0; i < size; i += 1) {
      this.parent[i] = i;
      this.groups.set(i, { members: [i], stores: new Set([rules.storeOf(i)]), key: rules.fixedKeyOf(i) });
    }
  }

  find(i: number): number {
    let root = i;
    while (this.parent[root] !== root) root = this.parent[root];
    while (this.parent[i] !== root) {
      const next = this.parent[i];
      this.parent[i] = root;
      i = next;
    }
    return root;
  }

  /** Why the clusters of i and j may not merge, or null when they may. `force` (human merges, existing products) skips the automatic rules. */
  blockedReason(i: number, j: number, force = false): string | null {
    const a = this.groups.get(this.find(i))!;
    const b = this.groups.get(this.find(j))!;
    if (a === b) return null;
    for (const x of a.members) {
      const cannot = this.rules.cannotLinkOf(x);
      if (cannot) for (const y of b.members) if (cannot.has(y)) return 'split by a human';
    }
    if (force) return null;
    if (a.key !== null && b.key !== null && a.key !== b.key) return 'two existing products';
    for (const s of b.stores) if (a.stores.has(s)) return 'same store twice';
    for (const x of a.members) {
      for (const y of b.members) {
        const veto = this.rules.vetoOf(x, y);
        if (veto) return veto;
      }
    }
    return null;
  }

  /** Merges the clusters of i and j when the rules allow; true when they are (now) one cluster. */
  union(i: number, j: number, force = false): boolean {
    const ri = this.find(i);
    const rj = this.find(j);
    if (ri === rj) return true;
    if (this.blockedReason(i, j, force)) return false;
    const a = this.groups.get(ri)!;
    const b = this.groups.get(rj)!;
    const [big, small, bigRoot, smallRoot] = a.members.length >= b.members.length ? [a, b, ri, rj] : [b, a, rj, ri];
    this.parent[smallRoot] = bigRoot;
    for (const m of small.members) big.members.push(m);
    for (const s of small.stores) big.stores.add(s);
    big.key ??= small.key;
    this.groups.delete(smallRoot);
    return true;
  }

  /** The clusters: their existing product key (if any) and member indexes. */
  list(): Array<{ key: string | null; members: number[] }> {
    return [...this.groups.values()].map((g) => ({ key: g.key, members: g.members }));
  }
}
