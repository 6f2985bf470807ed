/** A ready-made snooze: a label and the moment it ends, in the operator's own time zone (the browser's). */
export interface SnoozePreset {
  id: 'hour' | 'tomorrow' | 'monday';
  label: string;
  until: Date;
}

const MORNING_HOUR = 9;

/** The same day at 9:00 local time, `days` later (calendar days: a daylight-saving change keeps it 9:00). */
function morning(from: Date, days: number): Date {
  const date = new Date(from);
  date.setDate(date.getDate() + days);
  date.setHours(MORNING_HOUR, 0, 0, 0);
  return date;
}

/**
 * In 1 hour; tomorrow at 9:00; next Monday at 9:00 (a week ahead when today is Monday). Computed with the
 * browser's local calendar, which is the operator's time zone.
 */
export function snoozePresets(now: Date): SnoozePreset[] {
  const daysToMonday = ((8 - now.getDay()) % 7) || 7;
  return [
    { id: 'hour', label: '1 hour', until: new Date(now.getTime() + 3_600_000) },
    { id: 'tomorrow', label: 'Tomorrow 9:00', until: morning(now, 1) },
    { id: 'monday', label: 'Next Monday 9:00', until: morning(now, daysToMonday) },
  ];
}

/** A `datetime-local` value ("2026-11-24T14:30") read as local time, or undefined when empty or invalid. */
export function parseLocalDateTime(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** "Tue 24 Nov, 09:00": when a snooze ends, in the operator's words. */
export const snoozeLabel = (iso: string): string =>
  new Date(iso).toLocaleString([], { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
