import { Temporal } from 'temporal-polyfill';
import { ClosedDates } from './closed-dates.ts';
import { MINUTES_PER_DAY, WEEKDAYS, minutesOfDay, type Schedule } from './schedule-schema.ts';
import { instantOfWallTime } from './wall-clock.ts';

/** A stretch of time the team is open: from `start` (open) to `end` (closed again); `end` null: it never closes. */
export interface OpenPeriod {
  start: Temporal.Instant;
  end: Temporal.Instant | null;
}

interface Opening {
  start: Temporal.Instant;
  end: Temporal.Instant;
}

/** Real time that surely holds a full week of wall time, whatever DST did in it. */
const MORE_THAN_A_WEEK_MS = 8 * 24 * 3_600_000;

/**
 * The team's open periods in time order, from the intervals that start on `fromDate` (a local date) on.
 * Openings that touch (12:00–13:00 then 13:00–14:00, or Monday 00:00–24:00 then Tuesday 00:00–…) are one
 * period, so its end is when the team really closes. Ends when the schedule never opens again, or with a
 * period whose `end` is null when it never closes (open around the clock, no closures ahead).
 */
export function* openPeriods(schedule: Schedule, fromDate: Temporal.PlainDate): Generator<OpenPeriod> {
  if (WEEKDAYS.every((day) => !schedule.weekly[day]?.length)) return;
  const closed = new ClosedDates(schedule.closures);
  const lastClosed = closed.lastClosedDate();
  const quietFrom = lastClosed && Temporal.PlainDate.compare(lastClosed, fromDate) >= 0 ? lastClosed.add({ days: 1 }) : fromDate;
  const noClosuresFrom = instantOfWallTime(quietFrom.toPlainDateTime(), schedule.timeZone);
  let run: Opening | undefined;
  for (let date = fromDate; ; date = date.add({ days: 1 })) {
    const closedThrough = closed.closedThrough(date);
    if (closedThrough) {
      date = closedThrough; // skip the whole closed run: a long closure costs one step
      continue;
    }
    for (const opening of openingsStartingOn(schedule, closed, date)) {
      // Openings come in time order and never overlap, so one that starts by the run's end extends it.
      if (run && Temporal.Instant.compare(opening.start, run.end) <= 0) {
        run.end = opening.end;
        continue;
      }
      if (run) yield { ...run };
      run = opening;
    }
    if (run && neverCloses(run, noClosuresFrom)) {
      yield { start: run.start, end: null };
      return;
    }
  }
}

/**
 * A run that has stayed open for a whole week with no closure ahead covers every minute of the weekly
 * schedule, so it goes on for ever.
 */
function neverCloses(run: Opening, noClosuresFrom: Temporal.Instant): boolean {
  const from = Math.max(run.start.epochMilliseconds, noClosuresFrom.epochMilliseconds);
  return run.end.epochMilliseconds - from >= MORE_THAN_A_WEEK_MS;
}

/**
 * The openings of the intervals that start on `date`, in order. An interval past midnight into a closed
 * date stops at that midnight; one that falls entirely in a DST gap is left out (it has no length).
 */
function openingsStartingOn(schedule: Schedule, closed: ClosedDates, date: Temporal.PlainDate): Opening[] {
  if (closed.isClosed(date)) return [];
  const nextDayClosed = closed.isClosed(date.add({ days: 1 }));
  const intervals = [...(schedule.weekly[WEEKDAYS[date.dayOfWeek - 1] as (typeof WEEKDAYS)[number]] ?? [])];
  const midnight = date.toPlainDateTime();
  return intervals
    .map((interval) => {
      const start = minutesOfDay(interval.start);
      const end = minutesOfDay(interval.end);
      const endMinutes = end > start ? end : end + MINUTES_PER_DAY;
      return { start, end: nextDayClosed ? Math.min(endMinutes, MINUTES_PER_DAY) : endMinutes };
    })
    .sort((a, b) => a.start - b.start)
    .map(({ start, end }) => ({
      start: instantOfWallTime(midnight.add({ minutes: start }), schedule.timeZone),
      end: instantOfWallTime(midnight.add({ minutes: end }), schedule.timeZone),
    }))
    .filter((opening) => Temporal.Instant.compare(opening.start, opening.end) < 0);
}
