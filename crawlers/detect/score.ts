// Scores every platform's fingerprint on one page. Pure: page parts in, evidence out.
// Weights: 3 for a marker only the platform prints (its script objects, headers, asset paths), 2 for
// one others may print too (a CDN an embed also loads), 1 for a hint. A platform counts as seen at
// DETECTED_SCORE; from SUSPECTED_SCORE its public endpoint is worth asking, and an answer settles it.
import { FINGERPRINTS } from './fingerprints/index.ts';
import type { Evidence, PageParts, PlatformFingerprint, PlatformId, PlatformScore, Signal } from './types.ts';

export const DETECTED_SCORE = 3;
export const SUSPECTED_SCORE = 2;
/** What a platform's own endpoint answering counts: more than any page marker. */
export const ENDPOINT_WEIGHT = 10;

const EXCERPT_CHARS = 90;

function partText(parts: PageParts, where: Signal['where']): string {
  switch (where) {
    case 'markup':
      return parts.markup;
    case 'script':
      return parts.scripts;
    case 'header':
      return parts.headers;
    case 'cookie':
      return parts.cookies.join('\n');
    case 'generator':
      return parts.generators.join('\n');
  }
}

function excerptAt(text: string, index: number, length: number): string {
  const start = Math.max(0, index - 20);
  const piece = text.slice(start, Math.min(text.length, index + Math.max(length, 1) + 40, start + EXCERPT_CHARS));
  return piece.replace(/\s+/g, ' ').trim();
}

/** The evidence one fingerprint finds on the page (each signal once). */
export function scanFingerprint(fingerprint: PlatformFingerprint, parts: PageParts): Evidence[] {
  const found: Evidence[] = [];
  for (const signal of fingerprint.signals) {
    const text = partText(parts, signal.where);
    const match = signal.pattern.exec(text);
    if (!match) continue;
    found.push({ signal: signal.signal, where: signal.where, weight: signal.weight, excerpt: excerptAt(text, match.index, match[0].length) });
  }
  return found;
}

export function totalWeight(evidence: readonly Evidence[]): number {
  return evidence.reduce((sum, e) => sum + e.weight, 0);
}

/** Every platform with any evidence on the page, best first. */
export function scorePlatforms(parts: PageParts): PlatformScore[] {
  return FINGERPRINTS.map((fingerprint) => {
    const evidence = scanFingerprint(fingerprint, parts);
    return { platform: fingerprint.platform, label: fingerprint.label, score: totalWeight(evidence), evidence };
  })
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score);
}

/** The platform the page alone shows (no endpoint asked), or null: the best score, if it reaches DETECTED_SCORE and is not tied. */
export function platformOfPage(parts: PageParts): PlatformId | null {
  const [best, second] = scorePlatforms(parts);
  if (!best || best.score < DETECTED_SCORE) return null;
  if (second && second.score === best.score) return null;
  return best.platform;
}
