import { describe, expect, it } from 'vitest';
import { assigneeLabel, staffNames } from '../../../../admin/components/inbox/operators.ts';
import { parseLocalDateTime, snoozePresets } from '../../../../admin/components/inbox/snooze-presets.ts';

/** A local date and time (the operator's zone is the process's in these tests). */
const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);

describe('snooze presets', () => {
  it('offers 1 hour, tomorrow 9:00 and next Monday 9:00 in local time', () => {
    const wednesdayEvening = local(2026, 11, 25, 18, 40);
    const [hour, tomorrow, monday] = snoozePresets(wednesdayEvening);
    expect(hour!.until.getTime() - wednesdayEvening.getTime()).toBe(3_600_000);
    expect(tomorrow!.until).toEqual(local(2026, 11, 26, 9));
    expect(monday!.until).toEqual(local(2026, 11, 30, 9));
  });

  it('means the Monday of next week when today is Monday, and crosses month ends', () => {
    expect(snoozePresets(local(2026, 11, 30, 8))[2]!.until).toEqual(local(2026, 12, 7, 9));
    expect(snoozePresets(local(2026, 12, 31, 23, 30))[1]!.until).toEqual(local(2027, 1, 1, 9));
    expect(snoozePresets(local(2026, 12, 27, 10))[2]!.until).toEqual(local(2026, 12, 28, 9));
  });

  it('reads a custom date-time field as local time and refuses what is not one', () => {
    expect(parseLocalDateTime('2026-12-01T14:30')).toEqual(local(2026, 12, 1, 14, 30));
    expect(parseLocalDateTime('')).toBeUndefined();
    expect(parseLocalDateTime('tomorrow')).toBeUndefined();
    expect(parseLocalDateTime('2026-13-45T99:99')).toBeUndefined();
  });
});

describe('owner names', () => {
  const operators = [{ userId: 2, name: 'Bob Billing', presence: 'online' as const }];

  it('names the owner from the live operator list, else from the list the row came in', () => {
    const names = staffNames(operators, [{ assigneeId: 9, assigneeName: 'Dora Departed' }, { assigneeId: null, assigneeName: null }]);
    expect([assigneeLabel(2, names, 1), assigneeLabel(9, names, 1), assigneeLabel(1, names, 1), assigneeLabel(null, names, 1)]).toEqual(['Bob Billing', 'Dora Departed', 'You', 'Unassigned']);
    expect(assigneeLabel(42, names, 1)).toBe('Operator #42');
  });
});
