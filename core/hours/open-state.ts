import { Temporal } from 'temporal-polyfill';
import { openPeriods } from './open-periods.ts';
import type { Schedule } from './schedule-schema.ts';
import { dateOfInstant, instantOfDate, localDateAt } from './wall-clock.ts';

/**
 * Whether a team is open at an instant. Open: `closesAt` is when it closes (null: never, e.g. open around
 * the clock). Closed: `opensAt` is when it opens next (null: never, e.g. no hours or closed for good).
 */
export type OpenState = { open: true; closesAt: Date | null } | { open: false; opensAt: Date | null };

/** Is the team open at `at`, and until when / from when? Opening instants are open, closing instants are not. */
export function openState(schedule: Schedule, at: Date): OpenState {
  const instant = instantOfDate(at);
  for (const period of periodsAround(schedule, instant)) {
    if (period.end && Temporal.Instant.compare(period.end, instant) <= 0) continue;
    if (Temporal.Instant.compare(period.start, instant) <= 0) return { open: true, closesAt: period.end && dateOfInstant(period.end) };
    return { open: false, opensAt: dateOfInstant(period.start) };
  }
  return { open: false, opensAt: null };
}

/**
 * The first moment after `after` at which the team opens (goes from closed to open). While it is open that
 * is the opening after the current one closes; null when it never opens again (or never closes).
 */
export function nextOpening(schedule: Schedule, after: Date): Date | null {
  const instant = instantOfDate(after);
  for (const period of periodsAround(schedule, instant)) {
    if (Temporal.Instant.compare(period.start, instant) > 0) return dateOfInstant(period.start);
    if (!period.end) return null;
  }
  return null;
}

/** From the day before: yesterday's interval may run past midnight into `instant`'s day. */
function periodsAround(schedule: Schedule, instant: Temporal.Instant) {
  return openPeriods(schedule, localDateAt(instant, schedule.timeZone).subtract({ days: 1 }));
}
