import { describe, expect, it } from 'vitest';
import { nextOpening, openState } from '../../../core/hours/open-state.ts';
import { scheduleSchema, type Schedule } from '../../../core/hours/schedule-schema.ts';

const schedule = (raw: unknown): Schedule => scheduleSchema.parse(raw);
const at = (iso: string) => new Date(iso);
const opensAt = (s: Schedule, iso: string) => {
  const state = openState(s, at(iso));
  return state.open ? 'open' : state.opensAt?.toISOString() ?? null;
};
const closesAt = (s: Schedule, iso: string) => {
  const state = openState(s, at(iso));
  return state.open ? state.closesAt?.toISOString() ?? null : 'closed';
};
const weekdays = (intervals: Array<{ start: string; end: string }>) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => [day, intervals]));

describe('a weekday schedule with a lunch break (Europe/Berlin)', () => {
  const office = schedule({ timeZone: 'Europe/Berlin', weekly: weekdays([{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }]) });

  it('is open in the morning until the break, closed over lunch, and reopens at 13:30 local time', () => {
    expect(closesAt(office, '2026-11-23T08:00:00Z')).toBe('2026-11-23T11:30:00.000Z'); // Mon 09:00 CET → 12:30
    expect(opensAt(office, '2026-11-23T11:45:00Z')).toBe('2026-11-23T12:30:00.000Z');
    expect(closesAt(office, '2026-11-23T12:30:00Z')).toBe('2026-11-23T17:00:00.000Z');
  });

  it('opens at the opening minute and is closed at the closing minute', () => {
    expect(openState(office, at('2026-11-23T08:00:00Z')).open).toBe(true);
    expect(openState(office, at('2026-11-23T07:59:59.999Z')).open).toBe(false);
    expect(openState(office, at('2026-11-23T17:00:00Z')).open).toBe(false);
  });

  it('on Friday evening opens next on Monday morning', () => {
    expect(opensAt(office, '2026-11-27T17:00:00Z')).toBe('2026-11-30T08:00:00.000Z');
    expect(nextOpening(office, at('2026-11-27T17:00:00Z'))?.toISOString()).toBe('2026-11-30T08:00:00.000Z');
  });

  it('keeps 09:00 local across the spring change: 08:00 UTC on Friday, 07:00 UTC on Monday', () => {
    expect(opensAt(office, '2026-03-27T06:00:00Z')).toBe('2026-03-27T08:00:00.000Z');
    expect(opensAt(office, '2026-03-27T18:00:00Z')).toBe('2026-03-30T07:00:00.000Z');
  });

  it('while open, nextOpening is the opening after the current one (after lunch)', () => {
    expect(nextOpening(office, at('2026-11-23T09:00:00Z'))?.toISOString()).toBe('2026-11-23T12:30:00.000Z');
  });
});

describe('DST changes of 2026', () => {
  it('Europe/Berlin, 29 March: an opening at 02:30, which the clock skips, opens at 03:00 CEST', () => {
    const night = schedule({ timeZone: 'Europe/Berlin', weekly: { sun: [{ start: '02:30', end: '06:00' }] } });
    expect(opensAt(night, '2026-03-28T23:00:00Z')).toBe('2026-03-29T01:00:00.000Z');
    expect(closesAt(night, '2026-03-29T01:00:00Z')).toBe('2026-03-29T04:00:00.000Z'); // 06:00 CEST: three real hours
    expect(openState(night, at('2026-03-29T00:59:59Z')).open).toBe(false); // 01:59:59 CET
  });

  it('Europe/Berlin, 29 March: an interval entirely in the skipped hour does not happen that day', () => {
    const inGap = schedule({ timeZone: 'Europe/Berlin', weekly: { sun: [{ start: '02:15', end: '02:45' }] } });
    expect(opensAt(inGap, '2026-03-28T23:00:00Z')).toBe('2026-04-05T00:15:00.000Z'); // the next Sunday, 02:15 CEST
  });

  it('Europe/Berlin, 29 March: a night shift 22:00–06:00 lasts seven real hours', () => {
    const shift = schedule({ timeZone: 'Europe/Berlin', weekly: { sat: [{ start: '22:00', end: '06:00' }] } });
    expect(closesAt(shift, '2026-03-28T21:00:00Z')).toBe('2026-03-29T04:00:00.000Z');
  });

  it('Europe/Berlin, 25 October: an opening at 02:30, shown twice, opens at the first (CEST) and stays open through the repeat', () => {
    const night = schedule({ timeZone: 'Europe/Berlin', weekly: { sun: [{ start: '02:30', end: '06:00' }] } });
    expect(opensAt(night, '2026-10-24T23:00:00Z')).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
    expect(closesAt(night, '2026-10-25T01:15:00Z')).toBe('2026-10-25T05:00:00.000Z'); // 02:15 CET, open until 06:00 CET
  });

  it('Europe/Berlin, 25 October: a night shift 22:00–06:00 lasts nine real hours', () => {
    const shift = schedule({ timeZone: 'Europe/Berlin', weekly: { sat: [{ start: '22:00', end: '06:00' }] } });
    expect(closesAt(shift, '2026-10-24T20:00:00Z')).toBe('2026-10-25T05:00:00.000Z');
  });

  it('Europe/Berlin, 25 October: a closing at 02:30 is the first one; the repeated hour is not reopened', () => {
    const late = schedule({ timeZone: 'Europe/Berlin', weekly: { sat: [{ start: '22:00', end: '02:30' }] } });
    expect(closesAt(late, '2026-10-24T21:00:00Z')).toBe('2026-10-25T00:30:00.000Z'); // 02:30 CEST
    expect(openState(late, at('2026-10-25T01:15:00Z')).open).toBe(false); // 02:15 CET, shown a second time
  });

  it('America/New_York, 8 March: an opening at 02:30, which the clock skips, opens at 03:00 EDT', () => {
    const night = schedule({ timeZone: 'America/New_York', weekly: { sun: [{ start: '02:30', end: '05:00' }] } });
    expect(opensAt(night, '2026-03-08T05:00:00Z')).toBe('2026-03-08T07:00:00.000Z');
    expect(closesAt(night, '2026-03-08T07:00:00Z')).toBe('2026-03-08T09:00:00.000Z');
  });

  it('America/New_York, 1 November: an opening at 01:30, shown twice, opens at the first (EDT) and closes at 04:00 EST', () => {
    const night = schedule({ timeZone: 'America/New_York', weekly: { sun: [{ start: '01:30', end: '04:00' }] } });
    expect(opensAt(night, '2026-11-01T04:00:00Z')).toBe('2026-11-01T05:30:00.000Z');
    expect(closesAt(night, '2026-11-01T06:15:00Z')).toBe('2026-11-01T09:00:00.000Z'); // 01:15 EST, in the repeat
  });

  it('Europe/Moscow has no DST: 09:00 is 06:00 UTC in March and in October', () => {
    const office = schedule({ timeZone: 'Europe/Moscow', weekly: { sun: [{ start: '09:00', end: '18:00' }] } });
    expect(opensAt(office, '2026-03-29T00:00:00Z')).toBe('2026-03-29T06:00:00.000Z');
    expect(opensAt(office, '2026-10-25T00:00:00Z')).toBe('2026-10-25T06:00:00.000Z');
  });
});

describe('intervals past midnight', () => {
  const late = schedule({ timeZone: 'Europe/Moscow', weekly: { fri: [{ start: '22:00', end: '02:00' }] } });

  it('Friday 22:00–02:00 is open early on Saturday and closes at 02:00 Saturday', () => {
    expect(closesAt(late, '2026-11-27T22:30:00Z')).toBe('2026-11-27T23:00:00.000Z'); // Sat 01:30 MSK
    expect(openState(late, at('2026-11-27T23:00:00Z')).open).toBe(false);
  });

  it('stops at midnight when Saturday is closed', () => {
    const closedSaturday = schedule({ ...late, closures: [{ from: '2026-11-28' }] });
    expect(closesAt(closedSaturday, '2026-11-27T19:30:00Z')).toBe('2026-11-27T21:00:00.000Z'); // midnight MSK
    expect(openState(closedSaturday, at('2026-11-27T22:30:00Z')).open).toBe(false);
  });

  it('does not happen at all, not even after midnight, when Friday is closed', () => {
    const closedFriday = schedule({ ...late, closures: [{ from: '2026-11-27', label: 'Inventory' }] });
    expect(openState(closedFriday, at('2026-11-27T22:30:00Z')).open).toBe(false);
    expect(opensAt(closedFriday, '2026-11-27T22:30:00Z')).toBe('2026-12-04T19:00:00.000Z');
  });

  it('Sunday 20:00–08:00 runs into Monday, and touching intervals make one opening', () => {
    const nights = schedule({ timeZone: 'Europe/Moscow', weekly: { sun: [{ start: '20:00', end: '08:00' }], mon: [{ start: '08:00', end: '12:00' }] } });
    expect(closesAt(nights, '2026-11-29T18:00:00Z')).toBe('2026-11-30T09:00:00.000Z'); // Monday 12:00 MSK
  });
});

describe('holidays and other closures', () => {
  const office = schedule({
    timeZone: 'Europe/Berlin',
    weekly: weekdays([{ start: '09:00', end: '18:00' }]),
    closures: [{ from: '2026-12-24', to: '2026-12-26', label: 'Christmas' }, { from: '2027-01-01', label: 'New Year' }],
  });

  it('a closed range removes those days: after Wednesday 23 December it opens on Monday 28th', () => {
    expect(opensAt(office, '2026-12-23T17:30:00Z')).toBe('2026-12-28T08:00:00.000Z');
    expect(openState(office, at('2026-12-24T10:00:00Z')).open).toBe(false);
  });

  it('a single closed date: after Thursday 31 December it opens on Monday 4 January', () => {
    expect(opensAt(office, '2026-12-31T17:00:00Z')).toBe('2027-01-04T08:00:00.000Z');
  });

  it('a closure of years is jumped in one step', () => {
    const sabbatical = schedule({ ...office, closures: [{ from: '2026-01-01', to: '2099-12-31' }] });
    expect(opensAt(sabbatical, '2026-06-01T12:00:00Z')).toBe('2100-01-01T08:00:00.000Z');
  });
});

describe('schedules that never open or never close', () => {
  it('no intervals at all: closed, opening never, nextOpening null', () => {
    const never = schedule({ timeZone: 'Europe/Berlin', weekly: {} });
    expect(openState(never, at('2026-11-23T12:00:00Z'))).toEqual({ open: false, opensAt: null });
    expect(nextOpening(never, at('2026-11-23T12:00:00Z'))).toBeNull();
  });

  it('around the clock: open, closing never; a closure ahead is when it closes', () => {
    const always = schedule({ timeZone: 'America/New_York', weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [{ start: '00:00', end: '24:00' }]])) });
    expect(openState(always, at('2026-11-01T06:30:00Z'))).toEqual({ open: true, closesAt: null });
    expect(nextOpening(always, at('2026-11-01T06:30:00Z'))).toBeNull();
    const withHoliday = schedule({ ...always, closures: [{ from: '2026-11-26', label: 'Thanksgiving' }] });
    expect(closesAt(withHoliday, '2026-11-23T12:00:00Z')).toBe('2026-11-26T05:00:00.000Z');
    expect(closesAt(withHoliday, '2026-11-27T12:00:00Z')).toBeNull();
  });
});

describe('bad input', () => {
  it('an invalid Date is refused with a clear error', () => {
    const office = schedule({ timeZone: 'Europe/Berlin', weekly: weekdays([{ start: '09:00', end: '18:00' }]) });
    expect(() => openState(office, new Date('not a date'))).toThrowError('the instant is an invalid Date');
    expect(() => nextOpening(office, new Date(Number.NaN))).toThrowError(RangeError);
  });
});
