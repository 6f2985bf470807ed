import { Temporal } from 'temporal-polyfill';
import { localDayFromFields, wallFields, type LocalDay } from './local-days.ts';

/**
 * The instant (epoch milliseconds) at which a team's wall clock shows `minutes` after the midnight that
 * starts local `day` (minutes may pass 24:00 into the next day), with the two DST rules of the README:
 * - a time that the clock skips (spring forward: 02:30 in Europe/Berlin on 2026-03-29) is taken as the
 *   end of the gap (03:00), the first moment the clock is past it — so wall times and opening agree:
 *   at 03:10 a team "open from 02:30" is open. (Temporal's 'compatible' would move it to 03:30.)
 * - a time the clock shows twice (fall back: 02:30 on 2026-10-25) is its first occurrence, for openings
 *   and closings alike; the repeated hour is not opened or closed a second time.
 * This mapping never goes backwards, so intervals that don't overlap on the wall don't overlap in time.
 */
export function instantOfWallTime(day: LocalDay, minutes: number, timeZone: string): number {
  const wallTime = new Temporal.PlainDateTime(...wallFields(day, minutes));
  const first = wallTime.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  if (first.day === wallTime.day && first.hour === wallTime.hour && first.minute === wallTime.minute) return first.epochMilliseconds;
  // In a gap 'earlier' lands before it (moved back by the gap's length); the gap ends at the next transition.
  const gapEnd = first.getTimeZoneTransition('next');
  if (!gapEnd) throw new Error(`${wallTime.toString()} does not exist in ${timeZone}, yet the zone has no transition after it`);
  return gapEnd.epochMilliseconds;
}

/** The team's local calendar day at an instant. */
export function localDayAt(epochMilliseconds: number, timeZone: string): LocalDay {
  const local = Temporal.Instant.fromEpochMilliseconds(epochMilliseconds).toZonedDateTimeISO(timeZone);
  return localDayFromFields(local.year, local.month, local.day);
}

/** Epoch milliseconds of a `Date`; an invalid Date is refused with a clear error rather than read as 1970. */
export function epochOfDate(date: Date): number {
  const epochMilliseconds = date.getTime();
  if (Number.isNaN(epochMilliseconds)) throw new RangeError('the instant is an invalid Date');
  return epochMilliseconds;
}
