import { Temporal } from 'temporal-polyfill';
import { z } from 'zod';

/** The filters every report page and CSV export reads from its query string, so a URL can be shared. */
export interface ReportFilters {
  /** First instant of the first day, in `timeZone`. */
  from: Date;
  /** First instant after the last day (exclusive), in `timeZone`. */
  to: Date;
  /** The days as shown and put in filenames, both inclusive: 2026-11-01 … 2026-11-30. */
  fromDate: string;
  toDate: string;
  /** 7, 30 or 90 for the presets, 'custom' for a from/to range. */
  period: '7' | '30' | '90' | 'custom';
  timeZone: string;
  teamId?: number;
  locale?: string;
}

/** Custom ranges longer than this are refused: a daily chart of years helps nobody and costs the database. */
export const MAX_RANGE_DAYS = 366;

/** The calendar day, or undefined for one that does not exist (2026-02-30). */
function calendarDay(value: string): Temporal.PlainDate | undefined {
  try {
    return Temporal.PlainDate.from(value, { overflow: 'reject' });
  } catch {
    return undefined;
  }
}

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'use a date like 2026-11-30', abort: true })
  .refine((value) => calendarDay(value) !== undefined, 'that day does not exist');

const timeZone = z.string().refine((value) => {
  try {
    Temporal.Now.zonedDateTimeISO(value);
    return true;
  } catch {
    return false;
  }
}, 'not a time zone such as Europe/Berlin');

/** The raw query string: `?period=30`, or `?period=custom&from=&to=`, plus `team`, `locale`, `tz`. Empty fields mean "not set". */
export const reportQuerySchema = z
  .object({
    period: z.enum(['7', '30', '90', 'custom']).default('30'),
    from: isoDate.optional(),
    to: isoDate.optional(),
    team: z.coerce.number().int().positive('choose a team from the list').optional(),
    locale: z.string().regex(/^[a-z]{2}$/, 'choose a language from the list').optional(),
    tz: timeZone.optional(),
  })
  .superRefine((query, ctx) => {
    if (query.period !== 'custom') return;
    if (!query.from) ctx.addIssue({ code: 'custom', path: ['from'], message: 'a custom period needs a start date' });
    if (!query.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'a custom period needs an end date' });
    // Zod still runs this when a date was refused above; that date's own message is enough.
    const first = query.from ? calendarDay(query.from) : undefined;
    const last = query.to ? calendarDay(query.to) : undefined;
    if (!first || !last) return;
    const days = first.until(last).days + 1;
    if (days < 1) ctx.addIssue({ code: 'custom', path: ['to'], message: 'the end date is before the start date' });
    if (days > MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `choose at most ${MAX_RANGE_DAYS} days` });
  });

const FIELD_NAMES: Record<string, string> = { period: 'Period', from: 'From', to: 'To', team: 'Team', locale: 'Language', tz: 'Time zone' };

/** Either the filters, or one line per wrong field ("From: that day does not exist") to show above the form. */
export type ParsedFilters = { ok: true; filters: ReportFilters } | { ok: false; errors: string[] };

/**
 * Reads the query string. Presets count back from today in `timeZone` (today included); a custom range covers
 * whole days from `from` to `to`. Fields left empty by the form (`team=`) are treated as absent.
 */
export function parseReportFilters(params: URLSearchParams, defaults: { timeZone: string }, now: Date = new Date()): ParsedFilters {
  const raw = Object.fromEntries([...params].filter(([, value]) => value.trim() !== ''));
  // Dates typed without choosing "Custom" in the select still mean a custom range.
  if (raw.from && raw.to && !raw.period) raw.period = 'custom';
  const parsed = reportQuerySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((issue) => `${FIELD_NAMES[String(issue.path[0])] ?? 'Filter'}: ${issue.message}`) };
  const query = parsed.data;
  const zone = query.tz ?? defaults.timeZone;
  const today = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(zone).toPlainDate();
  const first = query.period === 'custom' ? Temporal.PlainDate.from(query.from!) : today.subtract({ days: Number(query.period) - 1 });
  const last = query.period === 'custom' ? Temporal.PlainDate.from(query.to!) : today;
  const startOf = (day: Temporal.PlainDate) => new Date(day.toZonedDateTime({ timeZone: zone }).epochMilliseconds);
  return {
    ok: true,
    filters: {
      from: startOf(first),
      to: startOf(last.add({ days: 1 })),
      fromDate: first.toString(),
      toDate: last.toString(),
      period: query.period,
      timeZone: zone,
      ...(query.team ? { teamId: query.team } : {}),
      ...(query.locale ? { locale: query.locale } : {}),
    },
  };
}

/** The query string of these filters, for links between reports and to their CSV (same period, team, language). */
export function filtersQuery(filters: ReportFilters): string {
  const params = new URLSearchParams();
  params.set('period', filters.period);
  if (filters.period === 'custom') {
    params.set('from', filters.fromDate);
    params.set('to', filters.toDate);
  }
  if (filters.teamId) params.set('team', String(filters.teamId));
  if (filters.locale) params.set('locale', filters.locale);
  params.set('tz', filters.timeZone);
  return params.toString();
}
