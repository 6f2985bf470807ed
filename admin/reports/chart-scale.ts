/**
 * The arithmetic behind the report charts: value axes with round ticks, positions of points and bars, and
 * the shade of a heatmap cell. Pure functions, so the SVG components stay declarative and this is unit-tested.
 *
 * Why hand-written SVG rather than a chart library: the charts are rendered on the server by Astro components
 * and ship no JavaScript at all (reports work without JS, the "Show as table" toggle is a <details>).
 * Measured 2026-11 with vite + minify: a LayerCake line chart with d3-scale and d3-shape is 121 KB
 * (36.8 KB gzip) of client code, 22.5 KB gzip more than the bare Svelte runtime alone (14.2 KB gzip), and
 * LayerCake measures its container in the browser, so it draws nothing until hydrated. Ours: 0 bytes.
 */

/** A value axis from 0 to a round maximum, with the ticks to label it. */
export interface ValueAxis {
  max: number;
  ticks: number[];
}

/** A step of 1, 2 or 5 × 10^k (at least `minimumStep`) that divides `max` into about `count` parts. */
function roundStep(max: number, count: number, minimumStep: number): number {
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((candidate) => candidate >= raw) ?? 10 * magnitude;
  return Math.max(step, minimumStep);
}

/**
 * An axis from 0 that holds `dataMax`, with about `count` ticks at round values. Counts (`integer`) never get
 * ticks at 0.5; an empty series (max 0) still gets a usable 0–1 axis instead of dividing by zero.
 */
export function valueAxis(dataMax: number, { count = 4, integer = true }: { count?: number; integer?: boolean } = {}): ValueAxis {
  if (!(dataMax > 0)) return { max: 1, ticks: [0, 1] };
  const step = roundStep(dataMax, count, integer ? 1 : 0);
  const max = Math.ceil(dataMax / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; i * step <= max + 1e-9; i++) ticks.push(Number((i * step).toPrecision(12)));
  return { max, ticks };
}

/** Maps a value on [0, max] to a pixel on [start, end] (end may be less than start: SVG's y grows downwards). */
export function scaleLinear(max: number, start: number, end: number): (value: number) => number {
  return (value) => start + ((end - start) * value) / (max || 1);
}

/** The x of each of `count` points spread evenly over [start, end]; a single point sits in the middle. */
export function pointPositions(count: number, start: number, end: number): number[] {
  if (count <= 1) return count === 1 ? [(start + end) / 2] : [];
  return Array.from({ length: count }, (_, i) => start + ((end - start) * i) / (count - 1));
}

/** An SVG path through the points, and the area under it down to `baseline` when asked. */
export function linePath(points: ReadonlyArray<readonly [number, number]>, baseline?: number): string {
  if (points.length === 0) return '';
  const line = points.map(([x, y], i) => `${i === 0 ? 'M' : 'L'}${round(x)},${round(y)}`).join(' ');
  if (baseline === undefined) return line;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return `${line} L${round(last[0])},${round(baseline)} L${round(first[0])},${round(baseline)} Z`;
}

/** Bands of equal height for `count` bars in [start, end], separated by `gap` pixels. */
export function bands(count: number, start: number, end: number, gap: number): Array<{ offset: number; size: number }> {
  if (count === 0) return [];
  const size = Math.max(1, (end - start - gap * (count - 1)) / count);
  return Array.from({ length: count }, (_, i) => ({ offset: start + i * (size + gap), size }));
}

/**
 * A heatmap cell's fill opacity: 0 for nothing, else from 0.15 (still visible next to empty cells) to 1 at
 * the busiest cell. The table fallback carries the exact numbers; colour is never the only signal.
 */
export function heatOpacity(value: number, max: number): number {
  if (!(value > 0) || !(max > 0)) return 0;
  return round(0.15 + 0.85 * Math.min(1, value / max));
}

/** `part` of `whole` as a whole percentage, or null when there is no whole to be a part of. */
export function percentOf(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((100 * part) / whole) : null;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
