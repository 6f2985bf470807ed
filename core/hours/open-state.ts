import { openPeriods } from './open-periods.ts';
import type { Schedule } from './schedule-schema.ts';
import { epochOfDate, localDayAt } from './wall-clock.ts';

/**
 * Whether a team is open at an instant. Open: `closesAt` is when it closes (null: never, e.g. open around
 * the clock). Closed: `opensAt` is when it opens next (null: never, e.g. no hours at all).
 */
export type OpenState = { open: true; closesAt: Date | null } | { open: false; opensAt: Date | null };

/** Is the team open at `at`, and until when / from when? Opening instants are open, closing instants are not. */
export function openState(schedule: Schedule, at: Date): OpenState {
  const instant = epochOfDate(at);
  for (const period of periodsAround(schedule, instant)) {
    if (period.end !== null && period.end <= instant) continue;
    if (period.start <= instant) return { open: true, closesAt: period.end === null ? null : new Date(period.end) };
    return { open: false, opensAt: new Date(period.start) };
  }
  return { open: false, opensAt: null };
}

/**
 * The first moment after `after` at which the team opens (goes from closed to open). While it is open that
 * is the opening after the current one closes; null when it never opens again (or never closes).
 */
export function nextOpening(schedule: Schedule, after: Date): Date | null {
  const instant = epochOfDate(after);
  for (const period of periodsAround(schedule, instant)) {
    if (period.start > instant) return new Date(period.start);
    if (period.end === null) return null;
  }
  return null;
}

/** From the day before: yesterday's interval may run past midnight into `instant`'s day. */
function periodsAround(schedule: Schedule, instant: number) {
  return openPeriods(schedule, localDayAt(instant, schedule.timeZone) - 1);
}
