import { describe, expect, it } from 'vitest';
import { scheduleSchema } from '../../../core/hours/schedule-schema.ts';
import { issueLines } from '../../../core/validation.ts';

const office = {
  timeZone: 'Europe/Berlin',
  weekly: { mon: [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }], fri: [{ start: '22:00', end: '02:00' }] },
  closures: [{ from: '2026-12-24', to: '2026-12-26', label: 'Christmas' }, { from: '2027-01-01' }],
};

/** The problems a team would be shown for a schedule, one "field: problem" line each. */
function problems(raw: unknown): string[] {
  const result = scheduleSchema.safeParse(raw);
  return result.success ? [] : issueLines(result.error, 'schedule');
}

describe('a stored schedule', () => {
  it('accepts several intervals a day, one past midnight, and closures with or without an end and a label', () => {
    expect(scheduleSchema.parse(office)).toEqual(office);
  });

  it('keeps what was stored through a JSON round trip, and defaults closures to none', () => {
    const { closures: _, ...withoutClosures } = office;
    expect(scheduleSchema.parse(JSON.parse(JSON.stringify(withoutClosures))).closures).toEqual([]);
  });

  it('stores a zone in its own spelling', () => {
    expect(scheduleSchema.parse({ ...office, timeZone: 'america/new_york' }).timeZone).toBe('America/New_York');
  });

  it('accepts 24:00 as an end and 00:00–24:00 as the whole day', () => {
    expect(problems({ timeZone: 'UTC', weekly: { mon: [{ start: '00:00', end: '24:00' }], tue: [{ start: '18:00', end: '24:00' }] } })).toEqual([]);
  });

  it('accepts intervals that only touch, also across midnight', () => {
    const touching = { mon: [{ start: '09:00', end: '12:00' }, { start: '12:00', end: '15:00' }], sun: [{ start: '20:00', end: '08:00' }], tue: [] };
    expect(problems({ timeZone: 'UTC', weekly: { ...touching, mon: [...touching.mon, { start: '08:00', end: '09:00' }] } })).toEqual([]);
  });
});

describe('what is wrong with a schedule, said so it can be fixed', () => {
  it('an unknown zone, or an offset instead of a zone', () => {
    expect(problems({ ...office, timeZone: 'Mars/Olympus' })).toEqual(['timeZone: Mars/Olympus is not a known time zone: use an IANA name such as Europe/Berlin']);
    expect(problems({ ...office, timeZone: '+02:00' })).toEqual(['timeZone: +02:00 is not a known time zone: use an IANA name such as Europe/Berlin']);
  });

  it('times that are not times of day', () => {
    expect(problems({ ...office, weekly: { tue: [{ start: '24:30', end: '09:00' }, { start: '09:00', end: '24:30' }, { start: '10:00', end: '11:75' }, { start: '9:00', end: '12:00' }] } })).toEqual([
      'weekly.tue.0.start: 24:30 is not a time of day: use 00:00–23:59',
      'weekly.tue.1.end: 24:30 is not a time of day: use 00:00–24:00',
      'weekly.tue.2.end: 11:75 is not a time of day: use 00:00–24:00',
      'weekly.tue.3.start: write the time as HH:MM, e.g. 09:00',
    ]);
    expect(problems({ ...office, weekly: { wed: [{ start: '24:00', end: '02:00' }] } })).toEqual(['weekly.wed.0.start: 24:00 is not a time of day: use 00:00–23:59']);
  });

  it('an interval that ends when it starts', () => {
    expect(problems({ ...office, weekly: { mon: [{ start: '09:00', end: '09:00' }] } })).toEqual(['weekly.mon.0.end: the interval ends when it starts: for the whole day use 00:00–24:00']);
  });

  it('overlapping intervals on one day, naming the other one', () => {
    expect(problems({ ...office, weekly: { mon: [{ start: '09:00', end: '12:30' }, { start: '12:00', end: '18:00' }] } })).toEqual(['weekly.mon.1: overlaps mon 09:00–12:30']);
  });

  it('an interval past midnight that overlaps the next day, Sunday into Monday too', () => {
    expect(problems({ ...office, weekly: { fri: [{ start: '22:00', end: '02:00' }], sat: [{ start: '01:00', end: '05:00' }] } })).toEqual(['weekly.sat.0: overlaps fri 22:00–02:00']);
    expect(problems({ ...office, weekly: { mon: [{ start: '07:00', end: '12:00' }], sun: [{ start: '22:00', end: '08:00' }] } })).toEqual(['weekly.sun.0: overlaps mon 07:00–12:00']);
  });

  it('one message per typo: no second one about comparing a field that is already wrong', () => {
    expect(problems({ ...office, weekly: { mon: [{ start: '9', end: '9' }] }, closures: [{ from: '2026-13-01', to: '2026-12-01' }] })).toEqual([
      'weekly.mon.0.start: write the time as HH:MM, e.g. 09:00',
      'weekly.mon.0.end: write the time as HH:MM, e.g. 09:00',
      'closures.0.from: 2026-13-01 is not a date in the calendar',
    ]);
  });

  it('more intervals a day or closures than a team could mean', () => {
    const thirteen = Array.from({ length: 13 }, (_, hour) => ({ start: `${String(hour).padStart(2, '0')}:00`, end: `${String(hour).padStart(2, '0')}:30` }));
    expect(problems({ ...office, weekly: { mon: thirteen } })).toEqual(['weekly.mon: use at most 12 intervals a day']);
    expect(problems({ ...office, closures: Array.from({ length: 501 }, () => ({ from: '2026-12-24' })) })).toEqual(['closures: use at most 500 closures']);
  });

  it('an unknown weekday', () => {
    expect(problems({ ...office, weekly: { monday: [{ start: '09:00', end: '18:00' }] } })).toEqual(['weekly: Unrecognized key: "monday"']);
  });

  it('closures with a date not in the calendar, an end before the start, or an empty label', () => {
    expect(problems({ ...office, closures: [{ from: '2026-02-30' }, { from: '2026-12-26', to: '2026-12-24' }, { from: '2026-05-01', label: ' ' }, { from: '1 May' }] })).toEqual([
      'closures.0.from: 2026-02-30 is not a date in the calendar',
      'closures.1.to: the closure ends before it starts: `to` must be on or after `from`',
      'closures.2.label: leave the label out or write one',
      'closures.3.from: write the date as YYYY-MM-DD, e.g. 2026-12-24',
    ]);
  });
});
