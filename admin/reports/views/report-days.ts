import { Temporal } from 'temporal-polyfill';
import type { ReportFilters } from '../report-filters.ts';

/** Every day of the period, "2026-11-01" … "2026-11-30": charts need the quiet days too, which queries leave out. */
export function daysOf(filters: Pick<ReportFilters, 'fromDate' | 'toDate'>): string[] {
  const days: string[] = [];
  const last = Temporal.PlainDate.from(filters.toDate);
  for (let day = Temporal.PlainDate.from(filters.fromDate); Temporal.PlainDate.compare(day, last) <= 0; day = day.add({ days: 1 })) days.push(day.toString());
  return days;
}

/** The value of each day from rows that exist only for days with data (0 for the others). */
export function valuesByDay<T extends { day: string }>(days: readonly string[], rows: readonly T[], value: (row: T) => number): number[] {
  const byDay = new Map(rows.map((row) => [row.day, value(row)]));
  return days.map((day) => byDay.get(day) ?? 0);
}
