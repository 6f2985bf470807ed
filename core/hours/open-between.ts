import { openPeriods } from './open-periods.ts';
import type { Schedule } from './schedule-schema.ts';
import { epochOfDate, localDayAt } from './wall-clock.ts';

/**
 * The stretches of `[from, to)` in which the team was open, clipped to that window, in time order (epoch
 * milliseconds). For statistics over a past window, such as "first replies to questions asked in hours".
 */
export function openStretchesBetween(schedule: Schedule, from: Date, to: Date): Array<{ start: number; end: number }> {
  const start = epochOfDate(from);
  const end = epochOfDate(to);
  const stretches: Array<{ start: number; end: number }> = [];
  // From the day before: an interval may run past midnight into the window's first day.
  for (const period of openPeriods(schedule, localDayAt(start, schedule.timeZone) - 1)) {
    if (period.start >= end) break;
    const clipped = { start: Math.max(period.start, start), end: Math.min(period.end ?? end, end) };
    if (clipped.start < clipped.end) stretches.push(clipped);
    if (period.end === null) break;
  }
  return stretches;
}
