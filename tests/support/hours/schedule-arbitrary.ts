import fc from 'fast-check';
import { scheduleSchema, WEEKDAYS, type Schedule } from '../../../core/hours/schedule-schema.ts';

/** Zones with DST both ways (Berlin, New York) and without (Moscow), with their 2026 changes as instants. */
const DST_CHANGES_2026: Record<string, number[]> = {
  'Europe/Berlin': ['2026-03-29T01:00:00Z', '2026-10-25T01:00:00Z'].map(Date.parse),
  'America/New_York': ['2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z'].map(Date.parse),
  'Europe/Moscow': [],
};
export const ZONES = Object.keys(DST_CHANGES_2026);

const QUARTER = 15;
const QUARTERS_PER_DAY = 96;
const QUARTERS_PER_WEEK = 7 * QUARTERS_PER_DAY;
const YEAR_2026 = { min: Date.parse('2026-01-01T00:00:00Z'), max: Date.parse('2027-01-01T00:00:00Z') };

const clock = (quarters: number) => {
  const minutes = quarters * QUARTER;
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};

/**
 * A valid weekly schedule on a quarter-hour grid (so openings land on 02:00, 02:30… inside DST gaps and
 * repeats): sorted cut points paired into intervals of at most a day, some past midnight, Sunday's
 * possibly into Monday, with midnight written as 00:00 or 24:00.
 */
const weeklyArbitrary = fc
  .record({
    cuts: fc.uniqueArray(
      fc.oneof(
        { arbitrary: fc.integer({ min: 0, max: QUARTERS_PER_WEEK + QUARTERS_PER_DAY - 1 }), weight: 2 },
        // Sunday 00:00–04:00, where all four 2026 DST changes of Berlin and New York happen.
        { arbitrary: fc.integer({ min: 6 * QUARTERS_PER_DAY, max: 6 * QUARTERS_PER_DAY + 16 }), weight: 1 },
      ),
      { maxLength: 16 },
    ),
    midnightAs24: fc.boolean(),
  })
  .map(({ cuts, midnightAs24 }) => {
    const sorted = [...cuts].sort((a, b) => a - b);
    const weekly: Schedule['weekly'] = {};
    for (let i = 0; i + 1 < sorted.length; i += 2) {
      const start = sorted[i] as number;
      if (start >= QUARTERS_PER_WEEK) break;
      const longest = start % QUARTERS_PER_DAY === 0 ? QUARTERS_PER_DAY : QUARTERS_PER_DAY - 1;
      // Sunday's interval may run into Monday, but not into Monday's first interval.
      const wrapLimit = QUARTERS_PER_WEEK + (sorted[0] as number);
      const end = Math.min(sorted[i + 1] as number, start + longest, wrapLimit);
      const day = Math.floor(start / QUARTERS_PER_DAY);
      const endsAtMidnight = end === (day + 1) * QUARTERS_PER_DAY;
      const endTime = endsAtMidnight && (midnightAs24 || end - start === QUARTERS_PER_DAY) ? '24:00' : clock(end % QUARTERS_PER_DAY);
      const key = WEEKDAYS[day] as (typeof WEEKDAYS)[number];
      (weekly[key] ??= []).push({ start: clock(start % QUARTERS_PER_DAY), end: endTime });
    }
    return weekly;
  });

/** Instants in 2026, half of them within a day and a half of one of the zone's DST changes; whole minutes or any millisecond. */
const instantIn = (timeZone: string) => {
  const changes = DST_CHANGES_2026[timeZone] ?? [];
  if (changes.length === 0) return fc.integer(YEAR_2026);
  const nearChange = fc.record({ change: fc.constantFrom(...changes), minutes: fc.integer({ min: -36 * 60, max: 36 * 60 }) });
  return fc.oneof(fc.integer(YEAR_2026), nearChange.map(({ change, minutes }) => change + minutes * 60_000));
};

/** Closures of one to four days, placed from three days before to six days after the instant tested. */
const closuresNear = (instant: number) =>
  fc.array(
    fc.record({ firstDay: fc.integer({ min: -3, max: 6 }), days: fc.integer({ min: 1, max: 4 }), label: fc.option(fc.constantFrom('Holiday', 'Праздник'), { nil: undefined }) }).map(({ firstDay, days, label }) => {
      const day = (offset: number) => new Date(instant + offset * 86_400_000).toISOString().slice(0, 10);
      return { from: day(firstDay), to: days > 1 ? day(firstDay + days - 1) : undefined, label };
    }),
    { maxLength: 3 },
  );

/**
 * A schedule as the schema accepts it (parsed, so the schema is exercised on every generated one) and an
 * instant to ask about, with closures near that instant so they matter.
 */
export const scenarioArbitrary = fc
  .constantFrom(...ZONES)
  .chain((timeZone) => fc.record({ timeZone: fc.constant(timeZone), instant: instantIn(timeZone) }))
  .chain(({ timeZone, instant }) =>
    fc
      .record({ timeZone: fc.constant(timeZone), weekly: weeklyArbitrary, closures: closuresNear(instant) })
      .map((raw) => ({ schedule: scheduleSchema.parse(raw), instant })),
  );
