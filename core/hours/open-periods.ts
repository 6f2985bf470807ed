import { ClosedDates } from './closed-dates.ts';
import { weekdayIndexOf, type LocalDay } from './local-days.ts';
import { MINUTES_PER_DAY, WEEKDAYS, minutesOfDay, type Schedule, type Weekday } from './schedule-schema.ts';
import { instantOfWallTime } from './wall-clock.ts';

/** A stretch of time the team is open, in epoch milliseconds: open from `start`, closed again at `end` (null: never). */
export interface OpenPeriod {
  start: number;
  end: number | null;
}

interface Opening {
  start: number;
  end: number;
}

/** Real time that surely holds a full week of wall time, whatever DST did in it. */
const MORE_THAN_A_WEEK_MS = 8 * 24 * 3_600_000;

/**
 * The team's open periods in time order, from the intervals that start on local `fromDay` on. Openings
 * that touch (12:00–13:00 then 13:00–14:00, or Monday 00:00–24:00 then Tuesday 00:00–…) are one period,
 * so its end is when the team really closes. Ends when the schedule never opens again, or with a period
 * whose `end` is null when it never closes (open around the clock, no closures ahead).
 */
export function* openPeriods(schedule: Schedule, fromDay: LocalDay): Generator<OpenPeriod> {
  if (WEEKDAYS.every((day) => !schedule.weekly[day]?.length)) return;
  const closed = new ClosedDates(schedule.closures);
  const quietFrom = Math.max(fromDay, (closed.lastClosedDay() ?? -Infinity) + 1);
  const noClosuresFrom = instantOfWallTime(quietFrom, 0, schedule.timeZone);
  let run: Opening | undefined;
  for (let day = fromDay; ; day++) {
    const closedThrough = closed.closedThrough(day);
    if (closedThrough !== undefined) {
      day = closedThrough; // skip the whole closed run: a long closure costs one step
      continue;
    }
    for (const opening of openingsStartingOn(schedule, closed, day)) {
      // Openings come in time order and never overlap, so one that starts by the run's end extends it.
      if (run && opening.start <= run.end) {
        run.end = opening.end;
        continue;
      }
      if (run) yield { ...run };
      run = opening;
    }
    if (run && run.end - Math.max(run.start, noClosuresFrom) >= MORE_THAN_A_WEEK_MS) {
      // Open for a whole week with no closure ahead: every minute of the week is open, for ever.
      yield { start: run.start, end: null };
      return;
    }
  }
}

/**
 * The openings of the intervals that start on `day`, in order. An interval past midnight into a closed
 * date stops at that midnight; one that falls entirely in a DST gap is left out (it has no length).
 */
function openingsStartingOn(schedule: Schedule, closed: ClosedDates, day: LocalDay): Opening[] {
  if (closed.isClosed(day)) return [];
  const intervals = schedule.weekly[WEEKDAYS[weekdayIndexOf(day)] as Weekday];
  if (!intervals?.length) return [];
  const nextDayClosed = closed.isClosed(day + 1);
  return intervals
    .map((interval) => {
      const start = minutesOfDay(interval.start);
      const end = minutesOfDay(interval.end);
      const endMinutes = end > start ? end : end + MINUTES_PER_DAY;
      return { start, end: nextDayClosed ? Math.min(endMinutes, MINUTES_PER_DAY) : endMinutes };
    })
    .sort((a, b) => a.start - b.start)
    .map(({ start, end }) => ({ start: instantOfWallTime(day, start, schedule.timeZone), end: instantOfWallTime(day, end, schedule.timeZone) }))
    .filter((opening) => opening.start < opening.end);
}
