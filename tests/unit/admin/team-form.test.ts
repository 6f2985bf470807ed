import { describe, expect, it } from 'vitest';
import { fieldLabel, readTeamForm, teamInput } from '../../../admin/team-form.ts';
import { teamFieldsSchema } from '../../../core/teams/team-schemas.ts';

const form = (entries: Array<[string, string]>) => {
  const data = new FormData();
  for (const [key, value] of entries) data.append(key, value);
  return data;
};
const base: Array<[string, string]> = [['name', ' Billing '], ['strategy', 'round_robin'], ['capacity', '4'], ['staffedGraceMinutes', '5'], ['timeZone', 'Europe/Berlin']];

describe('the team form', () => {
  it('reads several intervals a day and closures from parallel fields, dropping empty rows', () => {
    const values = readTeamForm(
      form([
        ...base,
        ['mon.start', '09:00'], ['mon.end', '12:30'], ['mon.start', ''], ['mon.end', ''], ['mon.start', '13:30'], ['mon.end', '18:00'],
        ['fri.start', '22:00'], ['fri.end', '02:00'],
        ['closure.from', '2026-12-24'], ['closure.to', '2026-12-26'], ['closure.label', 'Christmas'],
        ['closure.from', ''], ['closure.to', ''], ['closure.label', ''],
        ['closure.from', '2027-01-01'], ['closure.to', ''], ['closure.label', ''],
      ]),
    );
    expect(values.weekly.mon).toEqual([{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }]);
    expect(values.weekly.tue).toEqual([]);
    const parsed = teamFieldsSchema.parse(teamInput(values));
    expect(parsed).toEqual({
      name: 'Billing',
      strategy: 'round_robin',
      capacity: 4,
      staffedGraceMinutes: 5,
      schedule: {
        timeZone: 'Europe/Berlin',
        weekly: { mon: [{ start: '09:00', end: '12:30' }, { start: '13:30', end: '18:00' }], fri: [{ start: '22:00', end: '02:00' }] },
        closures: [{ from: '2026-12-24', to: '2026-12-26', label: 'Christmas' }, { from: '2027-01-01' }],
      },
      answerBot: false,
    });
  });

  it('turns the answer bot on only when its box is ticked', () => {
    expect(teamFieldsSchema.parse(teamInput(readTeamForm(form([...base, ['answerBot', 'on']])))).answerBot).toBe(true);
    expect(teamFieldsSchema.parse(teamInput(readTeamForm(form(base)))).answerBot).toBe(false);
  });

  it('stores no schedule when the team is always open, whatever the rows hold', () => {
    const values = readTeamForm(form([...base, ['alwaysOpen', 'on'], ['mon.start', '09:00'], ['mon.end', '25:00']]));
    expect(teamFieldsSchema.parse(teamInput(values)).schedule).toBeNull();
  });

  it('names schedule fields as their labels read', () => {
    expect(fieldLabel('schedule.weekly.tue.0.end')).toBe('Tuesday, interval 1, until');
    expect(fieldLabel('schedule.weekly.sun.2')).toBe('Sunday, interval 3');
    expect(fieldLabel('schedule.closures.1.from')).toBe('Closure 2, from');
    expect(fieldLabel('schedule.timeZone')).toBe('Time zone');
    expect(fieldLabel('capacity')).toBe('capacity');
  });
});
