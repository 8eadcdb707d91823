// The price-history chart as SVG geometry, computed on the server (no client JavaScript): step
// paths for the lowest total and each store, 3–4 price ticks and a few date ticks. Pure; numbers
// here are for drawing only, prices shown in words come from exact strings.
import type { HistorySeries } from './series.ts';

export interface ChartOptions {
  /** viewBox size: drawn at 100% width, so text stays readable on a 360 px screen. */
  width?: number;
  height?: number;
  currency: string | null;
  locale?: string;
  timeZone?: string;
}

export interface ChartTick {
  /** Position along the axis, in viewBox units. */
  at: number;
  label: string;
}

export interface PriceChart {
  width: number;
  height: number;
  /** The plot area inside the axes. */
  plot: { left: number; right: number; top: number; bottom: number };
  priceTicks: ChartTick[];
  dateTicks: ChartTick[];
  /** "d" of the lowest-total line. */
  lowest: string;
  /** One "d" per store series, in the order given. */
  stores: string[];
  from: Date;
  to: Date;
}

const NICE = [1, 2, 2.5, 5];

/** 1 decimal, no trailing ".0": the page carries many coordinates. */
const fmt = (n: number): string => {
  const text = n.toFixed(1);
  return text.endsWith('.0') ? text.slice(0, -2) : text;
};

/** Round-number ticks covering [min, max], 3 or 4 of them (2 when all prices are equal). */
export function priceTicks(min: number, max: number): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max) || min > max) throw new TypeError(`Expected min ≤ max, got ${min} and ${max}`);
  if (min === max) {
    const pad = Math.max(Math.abs(min) * 0.05, 0.5);
    return priceTicks(min - pad, max + pad);
  }
  for (let exp = Math.floor(Math.log10((max - min) / 4)) - 1; ; exp++) {
    for (const nice of NICE) {
      const step = nice * 10 ** exp;
      const lo = Math.floor(min / step + 1e-9);
      const hi = Math.ceil(max / step - 1e-9);
      if (hi - lo <= 3) {
        const ticks: number[] = [];
        for (let k = lo; k <= hi; k++) ticks.push(Number((k * step).toFixed(6)));
        while (ticks.length < 3) ticks.push(Number((ticks[ticks.length - 1] + step).toFixed(6)));
        return ticks;
      }
    }
  }
}

function priceLabel(value: number, step: number, currency: string | null, locale: string): string {
  const digits = Number.isInteger(step) && Number.isInteger(value) ? 0 : 2;
  try {
    if (currency) return new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  } catch {
    // An unknown code: the plain number and the code.
  }
  return `${value.toFixed(digits)}${currency ? ` ${currency}` : ''}`;
}

/** 4 dates evenly spread over the span ("12 Oct"; with the year when the span passes a year). */
export function dateTicks(from: Date, to: Date, locale = 'en-GB', timeZone = 'UTC'): { at: Date; label: string }[] {
  const span = to.getTime() - from.getTime();
  const long = span > 330 * 86_400_000;
  const format = new Intl.DateTimeFormat(locale, long ? { month: 'short', year: 'numeric', timeZone } : { day: 'numeric', month: 'short', timeZone });
  const count = span < 2 * 86_400_000 ? 2 : 4;
  return Array.from({ length: count }, (_, k) => {
    const at = new Date(from.getTime() + (span * k) / (count - 1));
    return { at, label: format.format(at) };
  });
}

/** Null when there is nothing to draw (no buyable total in any series). */
export function buildPriceChart(lowest: HistorySeries, stores: readonly HistorySeries[], now: Date, options: ChartOptions): PriceChart | null {
  const { width = 400, height = 200, currency, locale = 'en-GB', timeZone = 'UTC' } = options;
  const all = [lowest, ...stores].flatMap((series) => series.points);
  const values = all.filter((point) => point.total !== null).map((point) => Number(point.total));
  if (values.length === 0) return null;
  const from = lowest.points[0]?.at ?? all[0].at;
  const to = now > from ? now : new Date(from.getTime() + 86_400_000);
  const ticks = priceTicks(Math.min(...values), Math.max(...values));
  const step = ticks[1] - ticks[0];
  const yMin = ticks[0];
  const yMax = ticks[ticks.length - 1];
  const labels = ticks.map((value) => priceLabel(value, step, currency, locale));
  // Room for the longest price label at the 13-unit font (about 7.5 units a character).
  const left = Math.round(Math.max(40, 10 + 7.5 * Math.max(...labels.map((label) => label.length))));
  const plot = { left, right: width - 8, top: 8, bottom: height - 22 };
  const x = (at: Date) => plot.left + ((Math.max(at.getTime(), from.getTime()) - from.getTime()) / (to.getTime() - from.getTime())) * (plot.right - plot.left);
  const y = (value: number) => plot.bottom - ((value - yMin) / (yMax - yMin)) * (plot.bottom - plot.top);
  const path = (series: HistorySeries): string => {
    let d = '';
    let down = false;
    for (const point of series.points) {
      if (point.total === null) {
        if (down) d += `H${fmt(x(point.at))}`;
        down = false;
      } else if (!down) {
        d += `M${fmt(x(point.at))} ${fmt(y(Number(point.total)))}`;
        down = true;
      } else d += `H${fmt(x(point.at))}V${fmt(y(Number(point.total)))}`;
    }
    if (down) d += `H${fmt(x(to))}`;
    return d;
  };
  return {
    width,
    height,
    plot,
    priceTicks: ticks.map((value, i) => ({ at: Number(fmt(y(value))), label: labels[i] })),
    dateTicks: dateTicks(from, to, locale, timeZone).map((tick) => ({ at: Number(fmt(x(tick.at))), label: tick.label })),
    lowest: path(lowest),
    stores: stores.map(path),
    from,
    to,
  };
}
