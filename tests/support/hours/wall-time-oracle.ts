import type { Schedule } from '../../../core/hours/schedule-schema.ts';

/**
 * A second, deliberately plain reading of a schedule, for property tests: it works on the wall clock as
 * the platform's Intl shows it (no Temporal, no instants of openings), so it checks the clock module
 * rather than repeating it.
 */

const WEEKDAY_KEYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
const HOUR = 3_600_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

interface WallTime {
  /** "2026-03-29" */
  date: string;
  /** Minutes since local midnight. */
  minute: number;
}

function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    formatters.set(timeZone, format);
  }
  return format;
}

function wallParts(epochMs: number, timeZone: string): { date: string; wallMs: number } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(epochMs).map((part) => [part.type, part.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const wallMs = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)) + (epochMs % 1000);
  return { date, wallMs };
}

/**
 * The wall clock at an instant. During the repeated hour after a fall-back the clock is read as standing
 * at the end of that hour (…:59.5), the README's rule that boundaries in it count at their first
 * occurrence. (The zones tested shift by one whole hour, on the hour.)
 */
export function wallTimeAt(epochMs: number, timeZone: string): WallTime {
  const now = wallParts(epochMs, timeZone);
  const anHourAgo = wallParts(epochMs - HOUR, timeZone);
  const offset = now.wallMs - epochMs;
  const offsetAnHourAgo = anHourAgo.wallMs - (epochMs - HOUR);
  const minuteOfDay = Math.floor((now.wallMs % 86_400_000) / 60_000) + ((now.wallMs % 60_000) / 60_000);
  const repeated = offsetAnHourAgo > offset;
  return { date: now.date, minute: repeated ? Math.floor(minuteOfDay / 60) * 60 + 59.5 : minuteOfDay };
}

function dayBefore(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

function weekdayOf(date: string): (typeof WEEKDAY_KEYS)[number] {
  return WEEKDAY_KEYS[new Date(`${date}T00:00:00Z`).getUTCDay()] as (typeof WEEKDAY_KEYS)[number];
}

function isClosed(schedule: Schedule, date: string): boolean {
  return schedule.closures.some((closure) => closure.from <= date && date <= (closure.to ?? closure.from));
}

const minutes = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/**
 * Open ⇔ the local date is not closed and the wall time falls in one of that day's intervals, or in the
 * part after midnight of an interval that started the day before on a day that is not closed.
 */
export function isOpenByWallClock(schedule: Schedule, epochMs: number): boolean {
  const { date, minute } = wallTimeAt(epochMs, schedule.timeZone);
  if (isClosed(schedule, date)) return false;
  const today = schedule.weekly[weekdayOf(date)] ?? [];
  const inToday = today.some(({ start, end }) => minutes(start) <= minute && (minutes(end) <= minutes(start) || minute < minutes(end)));
  if (inToday) return true;
  const yesterday = dayBefore(date);
  if (isClosed(schedule, yesterday)) return false;
  return (schedule.weekly[weekdayOf(yesterday)] ?? []).some(({ start, end }) => minutes(end) <= minutes(start) && minute < minutes(end));
}
