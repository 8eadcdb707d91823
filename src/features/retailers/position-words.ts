// A listing's competitive position in words, the same on the dashboard, the drill-down and the
// digest's links: rank, the gap to the cheapest competitor, delivery compared, competitor stock. Pure.
import { formatPrice } from '../../lib/format.ts';

export interface PositionFacts {
  rank: number | null;
  competitors: number;
  competitorsOutOfStock: number;
  competitorsPending: number;
  ownTotal: string | null;
  ownBuyable: boolean;
  cheapestTotal: string | null;
  cheapestStoreName?: string | null;
  gap: string | null;
  gapPercent: number | null;
  currency: string | null;
  ownDeliveryDays: number | null;
  fastestCompetitorDays: number | null;
  competitorsFaster: number;
  competitorsSlower: number;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function rankWords(p: PositionFacts): string {
  return rankOnly(p) + pendingWords(p);
}

function rankOnly(p: PositionFacts): string {
  if (!p.ownBuyable || p.ownTotal === null) return 'not buyable';
  if (p.competitors === 0) return p.competitorsPending > 0 ? 'only seller so far' : 'only seller';
  if (p.rank === 1) return `cheapest of ${p.competitors + 1}`;
  return `${ordinal(p.rank ?? 0)} of ${p.competitors + 1}`;
}

/** Offers seen once only are not ranked against (a misread must not look like an undercut): say they exist. */
function pendingWords(p: PositionFacts): string {
  if (p.competitorsPending === 0) return '';
  return ` (${plural(p.competitorsPending, 'more offer')} ${p.competitorsPending === 1 ? 'waits' : 'wait'} for a second reading)`;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th';
  return `${n}${suffix}`;
}

/** "€3.00 (2.1 %) above Store X", "€1.50 (1.0 %) below Store X", "same as Store X". */
export function gapWords(p: PositionFacts): string {
  if (p.gap === null || p.cheapestTotal === null) return '—';
  const store = p.cheapestStoreName ?? 'the cheapest competitor';
  const amount = Number(p.gap);
  if (amount === 0) return `same total as ${store}`;
  const money = formatPrice(p.gap.replace(/^-/, ''), p.currency);
  const percent = p.gapPercent === null ? '' : ` (${Math.abs(p.gapPercent).toFixed(1)} %)`;
  return `${money}${percent} ${amount > 0 ? 'above' : 'below'} ${store}`;
}

/** "delivers sooner than 3, later than 1 competitor"; "delivery unknown" when either side is. */
export function deliveryWords(p: PositionFacts): string {
  if (p.ownDeliveryDays === null) return 'your delivery promise is unknown';
  if (p.competitors === 0) return `${plural(p.ownDeliveryDays, 'day')}`;
  const parts = [];
  if (p.competitorsFaster > 0) parts.push(`later than ${p.competitorsFaster}`);
  if (p.competitorsSlower > 0) parts.push(`sooner than ${p.competitorsSlower}`);
  const days = plural(p.ownDeliveryDays, 'day');
  if (parts.length === 0) return `${days}, as fast as the others`;
  const fastest = p.fastestCompetitorDays !== null && p.fastestCompetitorDays < p.ownDeliveryDays ? `; fastest competitor ${plural(p.fastestCompetitorDays, 'day')}` : '';
  return `${days}: delivers ${parts.join(', ')} ${p.competitorsFaster + p.competitorsSlower === 1 ? 'competitor' : 'competitors'}${fastest}`;
}

export function stockWords(p: PositionFacts): string {
  if (p.competitorsOutOfStock === 0) return p.competitors === 0 ? '—' : 'all in stock';
  return `${p.competitorsOutOfStock} out of stock`;
}

/** The index as a reader takes it: 103.2 → "3.2 % above", 97.5 → "2.5 % below", 100 → "level with". */
export function indexWords(value: number | null, against: string): string {
  if (value === null) return `no ${against} to compare with yet`;
  const diff = value - 100;
  if (Math.abs(diff) < 0.05) return `level with the ${against}`;
  return `${Math.abs(diff).toFixed(1)} % ${diff > 0 ? 'above' : 'below'} the ${against}`;
}
