import { openStretchesBetween, type Schedule } from '../hours/index.ts';

/**
 * Measures how much of `[start, end)` (epoch ms) a team was open. The team's open stretches over the whole
 * report window are computed once (core/hours, the one clock) with running totals, so each measurement is
 * two binary searches: a year of conversations costs one walk over a year of schedule, not one per row.
 * A team without a schedule is always open: every millisecond counts.
 */
export function openTimeMeasurer(schedule: Schedule | null, windowFrom: Date, windowTo: Date): (start: number, end: number) => number {
  if (!schedule) return (start, end) => Math.max(0, end - start);
  const stretches = openStretchesBetween(schedule, windowFrom, windowTo);
  const openBefore: number[] = [0];
  for (const s of stretches) openBefore.push(openBefore.at(-1)! + (s.end - s.start));
  /** Open milliseconds from the window's start up to `t`. */
  const openUntil = (t: number): number => {
    let low = 0;
    let high = stretches.length; // first stretch starting after t
    while (low < high) {
      const mid = (low + high) >> 1;
      if (stretches[mid]!.start <= t) low = mid + 1;
      else high = mid;
    }
    if (low === 0) return 0;
    const last = stretches[low - 1]!;
    return openBefore[low - 1]! + Math.min(t, last.end) - last.start;
  };
  return (start, end) => Math.max(0, openUntil(end) - openUntil(start));
}
