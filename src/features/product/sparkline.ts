// A price-history sparkline as SVG path data, computed on the server (no client JavaScript).
import type { PricePoint } from '../../../db/queries/site-catalog.ts';

export interface Sparkline {
  width: number;
  height: number;
  /** Step line ("d" attribute): a price holds until the next change. */
  path: string;
  min: number;
  max: number;
  from: Date;
  to: Date;
}

/** Null when there is nothing to draw: the price never changed (fewer than two points). */
export function buildSparkline(points: PricePoint[], now: Date, width = 120, height = 32): Sparkline | null {
  if (points.length < 2) return null;
  const from = points[0].at;
  const to = now > from ? now : new Date(from.getTime() + 1);
  const prices = points.map((p) => p.price);
  const min = Math.min(...prices);
  const max = Math.max(...prices);
  const span = to.getTime() - from.getTime();
  const pad = 2;
  const x = (at: Date) => (pad + ((at.getTime() - from.getTime()) / span) * (width - 2 * pad)).toFixed(1);
  const y = (price: number) =>
    (max === min ? height / 2 : pad + ((max - price) / (max - min)) * (height - 2 * pad)).toFixed(1);
  let d = `M${x(from)} ${y(points[0].price)}`;
  for (const point of points.slice(1)) d += `H${x(point.at)}V${y(point.price)}`;
  d += `H${x(to)}`;
  return { width, height, path: d, min, max, from, to };
}
