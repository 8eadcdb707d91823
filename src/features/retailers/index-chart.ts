// The price index history as an SVG polyline: a small server-drawn chart, no script. Pure.
export interface IndexPoint {
  day: string;
  vsLowest: number | null;
  vsMedian: number | null;
}

export interface IndexChart {
  width: number;
  height: number;
  lowest: string;
  median: string;
  /** The 100 line (level with the market), in chart coordinates; null when outside the range drawn. */
  parY: number | null;
  min: number;
  max: number;
  from: string;
  to: string;
}

/** Null with fewer than two days: a line needs two points. */
export function buildIndexChart(points: readonly IndexPoint[], width = 320, height = 80): IndexChart | null {
  const days = points.filter((p) => p.vsLowest !== null || p.vsMedian !== null);
  if (days.length < 2) return null;
  const values = days.flatMap((p) => [p.vsLowest, p.vsMedian]).filter((v): v is number => v !== null);
  const min = Math.min(100, ...values) - 1;
  const max = Math.max(100, ...values) + 1;
  const x = (i: number) => ((i / (days.length - 1)) * (width - 2) + 1).toFixed(1);
  const y = (v: number) => (height - 1 - ((v - min) / (max - min)) * (height - 2)).toFixed(1);
  const line = (pick: (p: IndexPoint) => number | null) =>
    days.map((p, i) => [i, pick(p)] as const).filter(([, v]) => v !== null).map(([i, v]) => `${x(i)},${y(v!)}`).join(' ');
  return { width, height, lowest: line((p) => p.vsLowest), median: line((p) => p.vsMedian), parY: Number(y(100)), min, max, from: days[0].day, to: days[days.length - 1].day };
}
