// Deterministic randomness for the demo stores: every number is a hash of (seed, names…),
// so the same inputs give the same catalogue, prices and pages on every machine and every run.

/**
 * cyrb53: a fast, well-mixed 53-bit string hash (public domain, bryc).
 * https://github.com/bryc/code/blob/master/jshash/experimental/cyrb53.js
 */
export function hash53(text: string, seed = 0): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A number in [0, 1) fixed by the seed and the parts. */
export function unit(seed: number, ...parts: (string | number)[]): number {
  return hash53(parts.join('\u241f'), seed) / 2 ** 53;
}

/** An integer in [min, max] (both inclusive) fixed by the seed and the parts. */
export function intBetween(min: number, max: number, seed: number, ...parts: (string | number)[]): number {
  return min + Math.floor(unit(seed, ...parts) * (max - min + 1));
}

/** One element of a non-empty list, fixed by the seed and the parts. */
export function pick<T>(items: readonly T[], seed: number, ...parts: (string | number)[]): T {
  if (items.length === 0) throw new TypeError('pick() expected a non-empty list, found an empty one');
  return items[Math.floor(unit(seed, ...parts) * items.length)];
}
