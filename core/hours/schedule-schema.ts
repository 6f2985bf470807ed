import { z } from 'zod';
import { Temporal } from 'temporal-polyfill';

/** Keys of the weekly schedule, Monday first (the order of `weekdayIndexOf`). */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const MINUTES_PER_DAY = 24 * 60;
const MAX_INTERVALS_PER_DAY = 12;
const MAX_CLOSURES = 500;

/** "09:30" → 570. "24:00" → 1440 (only valid as an interval's end; the schema checks that). */
export function minutesOfDay(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

const CLOCK_TIME = /^\d{2}:\d{2}$/;

/** Compare fields only once each is valid, so a typo gets one message, not a second one about the comparison. */
const onlyIfValidSoFar = (payload: { issues: unknown[] }) => payload.issues.length === 0;

/** "HH:MM" from 00:00 to `upTo`, with one clear message for whatever is wrong. */
const clockTime = (upTo: '23:59' | '24:00') =>
  z.string().superRefine((time, context) => {
    if (!CLOCK_TIME.test(time)) context.addIssue({ code: 'custom', message: 'write the time as HH:MM, e.g. 09:00' });
    else if (Number(time.slice(3, 5)) >= 60 || minutesOfDay(time) > minutesOfDay(upTo)) {
      context.addIssue({ code: 'custom', message: `${time} is not a time of day: use 00:00–${upTo}` });
    }
  });

/**
 * One opening on one weekday. An end before the start runs past midnight into the next day (Fri
 * 22:00–02:00 closes at 02:00 on Saturday); "24:00" ends at midnight. The interval belongs to the day
 * it starts on, which matters for closures (see `closureSchema`).
 */
export const intervalSchema = z
  .object({ start: clockTime('23:59'), end: clockTime('24:00') })
  .strict()
  .refine((interval) => interval.start !== interval.end, {
    error: 'the interval ends when it starts: for the whole day use 00:00–24:00',
    path: ['end'],
    when: onlyIfValidSoFar,
  });
export type Interval = z.infer<typeof intervalSchema>;

/** A calendar date in the team's time zone, "2026-12-24". */
const localDate = z.string().superRefine((date, context) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) context.addIssue({ code: 'custom', message: 'write the date as YYYY-MM-DD, e.g. 2026-12-24' });
  else if (!isCalendarDate(date)) context.addIssue({ code: 'custom', message: `${date} is not a date in the calendar` });
});

/**
 * A holiday or other closure: the team's local dates `from`…`to` (inclusive; `to` defaults to `from`).
 * The team has no open time on those dates: an interval starting on a closed date does not happen, and
 * one running past midnight into a closed date stops at that midnight.
 */
export const closureSchema = z
  .object({
    from: localDate,
    to: localDate.optional(),
    label: z.string().trim().min(1, 'leave the label out or write one').max(100, 'use at most 100 characters').optional(),
  })
  .strict()
  .refine((closure) => closure.to === undefined || closure.to >= closure.from, {
    error: 'the closure ends before it starts: `to` must be on or after `from`',
    path: ['to'],
    when: onlyIfValidSoFar,
  });
export type Closure = z.infer<typeof closureSchema>;

const dayIntervals = z.array(intervalSchema).max(MAX_INTERVALS_PER_DAY, `use at most ${MAX_INTERVALS_PER_DAY} intervals a day`);

/** Days left out are closed all day. */
const weeklySchema = z
  .object(Object.fromEntries(WEEKDAYS.map((day) => [day, dayIntervals.optional()])) as Record<Weekday, z.ZodOptional<typeof dayIntervals>>)
  .strict()
  .superRefine((weekly, context) => {
    for (const overlap of overlappingIntervals(weekly)) context.addIssue({ code: 'custom', ...overlap });
  });
export type WeeklySchedule = z.infer<typeof weeklySchema>;

/** An IANA zone name such as "Europe/Berlin", as the platform's Intl knows it (offsets like "+02:00" are not zones). */
const timeZoneSchema = z
  .string()
  .trim()
  .refine((zone) => /^[A-Za-z]/.test(zone) && canonicalZone(zone) !== undefined, {
    error: (issue) => `${String(issue.input)} is not a known time zone: use an IANA name such as Europe/Berlin`,
  })
  .transform((zone) => canonicalZone(zone) as string);

/** A team's business hours as stored (JSON): its time zone, a weekly schedule and dated closures. */
export const scheduleSchema = z
  .object({
    timeZone: timeZoneSchema,
    weekly: weeklySchema,
    closures: z.array(closureSchema).max(MAX_CLOSURES, `use at most ${MAX_CLOSURES} closures`).default([]),
  })
  .strict();
export type Schedule = z.infer<typeof scheduleSchema>;

function isCalendarDate(date: string): boolean {
  try {
    Temporal.PlainDate.from(date, { overflow: 'reject' });
    return true;
  } catch {
    return false;
  }
}

/** Valid zones seen so far: building an Intl formatter is slow, and every schedule loaded asks. */
const knownZones = new Map<string, string>();

/** The zone's own spelling ("europe/berlin" → "Europe/Berlin"), or undefined when Intl does not know it. */
function canonicalZone(zone: string): string | undefined {
  const known = knownZones.get(zone);
  if (known) return known;
  try {
    const canonical = new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
    knownZones.set(zone, canonical);
    return canonical;
  } catch {
    return undefined;
  }
}

interface PlacedInterval {
  day: Weekday;
  index: number;
  /** Minutes from Monday 00:00; `end` passes Sunday midnight when a Sunday interval spans it. */
  start: number;
  end: number;
}

const WEEK = 7 * MINUTES_PER_DAY;

/**
 * One issue per interval that overlaps another one earlier in the week, counting the part past midnight
 * (so Friday 22:00–02:00 overlaps Saturday 01:00–05:00, and Sunday's late interval can overlap Monday's).
 * Intervals that only touch (12:00–13:00 and 13:00–14:00) are fine: they make one opening.
 */
function overlappingIntervals(weekly: WeeklySchedule): Array<{ message: string; path: Array<string | number> }> {
  const placed: PlacedInterval[] = WEEKDAYS.flatMap((day, dayIndex) =>
    (weekly[day] ?? []).flatMap((interval, index) => {
      // An interval with its own error (bad time, no length) is reported by that error alone.
      if (!intervalSchema.safeParse(interval).success) return [];
      const start = minutesOfDay(interval.start);
      const end = minutesOfDay(interval.end);
      const offset = dayIndex * MINUTES_PER_DAY;
      return [{ day, index, start: offset + start, end: offset + (end > start ? end : end + MINUTES_PER_DAY) }];
    }),
  );
  placed.sort((a, b) => a.start - b.start);
  const issues: Array<{ message: string; path: Array<string | number> }> = [];
  placed.forEach((current, position) => {
    const earlier = placed.slice(0, position).find((other) => overlapsOnTheWeek(other, current));
    if (earlier) issues.push({ message: `overlaps ${describe(weekly, earlier)}`, path: [current.day, current.index] });
  });
  return issues;
}

function overlapsOnTheWeek(a: PlacedInterval, b: PlacedInterval): boolean {
  const overlaps = (shiftA: number, shiftB: number) => a.start + shiftA < b.end + shiftB && b.start + shiftB < a.end + shiftA;
  return overlaps(0, 0) || overlaps(WEEK, 0) || overlaps(0, WEEK);
}

function describe(weekly: WeeklySchedule, placed: PlacedInterval): string {
  const interval = weekly[placed.day]?.[placed.index] as Interval;
  return `${placed.day} ${interval.start}–${interval.end}`;
}
