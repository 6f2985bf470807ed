import { WEEKDAYS, type Schedule, type Weekday } from '../core/hours/index.ts';
import type { TeamView } from '../core/teams/index.ts';

/** Empty rows each day and closure list offers for adding one more without JavaScript. */
export const BLANK_INTERVALS_PER_DAY = 2;
export const BLANK_CLOSURES = 3;

/** What the team form posts, as typed: shown again when something is wrong, so nothing is lost. */
export interface TeamFormValues {
  name: string;
  strategy: string;
  capacity: string;
  staffedGraceMinutes: string;
  /** No business hours: the team is always open. */
  alwaysOpen: boolean;
  timeZone: string;
  /** Filled rows only, in the order typed: an error's index ("schedule.weekly.mon.1") points at the row shown. */
  weekly: Record<Weekday, Array<{ start: string; end: string }>>;
  closures: Array<{ from: string; to: string; label: string }>;
  /** The answer bot offers articles first. */
  answerBot: boolean;
}

/** The form of a saved team. */
export function teamFormValues(team: TeamView): TeamFormValues {
  const schedule = team.schedule;
  return {
    name: team.name,
    strategy: team.strategy,
    capacity: String(team.capacity),
    staffedGraceMinutes: String(team.staffedGraceMinutes),
    alwaysOpen: schedule === null,
    timeZone: schedule?.timeZone ?? 'UTC',
    weekly: Object.fromEntries(WEEKDAYS.map((day) => [day, schedule?.weekly[day] ?? []])) as TeamFormValues['weekly'],
    closures: (schedule?.closures ?? []).map((c) => ({ from: c.from, to: c.to ?? '', label: c.label ?? '' })),
    answerBot: team.answerBot,
  };
}

/** Reads the posted form: `<day>.start`/`<day>.end` and `closure.from`/`.to`/`.label` come as parallel lists. */
export function readTeamForm(form: FormData): TeamFormValues {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const all = (name: string) => form.getAll(name).map((value) => String(value).trim());
  const weekly = Object.fromEntries(
    WEEKDAYS.map((day) => {
      const ends = all(`${day}.end`);
      return [day, all(`${day}.start`).map((start, i) => ({ start, end: ends[i] ?? '' })).filter((row) => row.start || row.end)];
    }),
  ) as TeamFormValues['weekly'];
  const tos = all('closure.to');
  const labels = all('closure.label');
  const closures = all('closure.from')
    .map((from, i) => ({ from, to: tos[i] ?? '', label: labels[i] ?? '' }))
    .filter((row) => row.from || row.to || row.label);
  return { name: text('name'), strategy: text('strategy'), capacity: text('capacity'), staffedGraceMinutes: text('staffedGraceMinutes'), alwaysOpen: form.get('alwaysOpen') === 'on', timeZone: text('timeZone'), weekly, closures, answerBot: form.get('answerBot') === 'on' };
}

/** The values as `teamFieldsSchema` takes them: empty optional parts left out, so the clock's messages fit. */
export function teamInput(values: TeamFormValues): Record<string, unknown> {
  const schedule = values.alwaysOpen
    ? null
    : {
        timeZone: values.timeZone,
        weekly: Object.fromEntries(WEEKDAYS.filter((day) => values.weekly[day].length > 0).map((day) => [day, values.weekly[day]])),
        closures: values.closures.map((c) => ({ from: c.from, ...(c.to ? { to: c.to } : {}), ...(c.label ? { label: c.label } : {}) })),
      };
  return { name: values.name, strategy: values.strategy, capacity: values.capacity, staffedGraceMinutes: values.staffedGraceMinutes, schedule, answerBot: values.answerBot };
}

/** Every zone the runtime knows, for the time-zone select (the current one first when it is unusual). */
export function timeZoneChoices(current: string): string[] {
  const zones = Intl.supportedValuesOf('timeZone');
  return zones.includes(current) || !current ? zones : [current, ...zones];
}

/** "Mon–Fri 09:00–17:00"-like summary for the list: the days that have hours, or "always open". */
export function describeHours(schedule: Schedule | null): string {
  if (!schedule) return 'Always open';
  const days = WEEKDAYS.filter((day) => schedule.weekly[day]?.length);
  if (days.length === 0) return `Never open (${schedule.timeZone})`;
  return `${days.map((day) => day[0]!.toUpperCase() + day.slice(1)).join(', ')} · ${schedule.timeZone}`;
}

const DAY_NAMES: Record<string, string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

/**
 * A schedule field's key as its label reads ("schedule.weekly.tue.0.end" → "Tuesday, interval 1, until"), so
 * the summary above the form names fields the way the form shows them. Other keys are left as they are.
 */
export function fieldLabel(key: string): string {
  const interval = /^schedule\.weekly\.(\w{3})\.(\d+)(?:\.(start|end))?$/.exec(key);
  if (interval) return `${DAY_NAMES[interval[1]!]}, interval ${Number(interval[2]) + 1}${interval[3] ? `, ${interval[3] === 'start' ? 'from' : 'until'}` : ''}`;
  const closure = /^schedule\.closures\.(\d+)\.(from|to|label)$/.exec(key);
  if (closure) return `Closure ${Number(closure[1]) + 1}, ${closure[2]}`;
  return key === 'schedule.timeZone' ? 'Time zone' : key;
}

/** The summary lines of a form's problems, fields named by their labels. */
export function summaryLines(byField: Record<string, string>): string[] {
  return Object.entries(byField).map(([key, message]) => `${fieldLabel(key)}: ${message}`);
}

/** A refusal from core/teams (a taken name, a non-operator member) as the form shows it, next to its field. */
export function teamRefusal(error: unknown): { lines: string[]; byField: Record<string, string> } | undefined {
  // By name: the error classes live in core, which the server bundle may hold a second copy of.
  if (!(error instanceof Error) || error.name !== 'TeamChangeRefusedError') return undefined;
  const field = (error as Error & { field: string }).field;
  return { lines: [`${field}: ${error.message}`], byField: { [field]: error.message } };
}
