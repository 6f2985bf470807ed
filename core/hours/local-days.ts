/**
 * Local calendar dates as whole day numbers (days since 1970-01-01 on the calendar, not in time), so the
 * clock walks the calendar with integer steps instead of allocating date objects: it runs for every widget
 * and every routing decision.
 */
export type LocalDay = number;

const DAY_MS = 86_400_000;

/** "2026-12-24" → its day number. */
export function localDayOf(isoDate: string): LocalDay {
  return Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
}

export function localDayFromFields(year: number, month: number, day: number): LocalDay {
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** 0 for Monday … 6 for Sunday (1970-01-01 was a Thursday). */
export function weekdayIndexOf(day: LocalDay): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Year, month, day, hour and minute of the wall clock `minutes` after the local midnight starting `day`. */
export function wallFields(day: LocalDay, minutes: number): [number, number, number, number, number] {
  const wall = new Date(day * DAY_MS + minutes * 60_000);
  return [wall.getUTCFullYear(), wall.getUTCMonth() + 1, wall.getUTCDate(), wall.getUTCHours(), wall.getUTCMinutes()];
}
