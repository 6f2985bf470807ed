import { z } from 'zod';
import { issueLines } from '../validation.ts';

/** Longest period a report covers: a year and a bit, so "last 365 days" across a leap day still fits. */
export const MAX_REPORT_DAYS = 400;

/** What every report is asked for: the period [from, to) and optional filters. */
export interface ReportQuery {
  from: Date;
  to: Date;
  /** Only conversations of this team (chat metrics and the chat steps of the funnel). */
  teamId?: number | undefined;
  /** Only help-center activity in this locale. */
  locale?: string | undefined;
  /** IANA zone in which days, weekdays and hours are counted; default UTC. */
  timeZone?: string | undefined;
}

export type ValidReportQuery = Required<Pick<ReportQuery, 'from' | 'to' | 'timeZone'>> & Pick<ReportQuery, 'teamId' | 'locale'>;

/** A report asked for with a period or filter it can't answer; the message says which and why. */
export class ReportQueryError extends Error {
  override name = 'ReportQueryError';
}

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const reportQuerySchema = z
  .object({
    from: z.date({ error: 'must be a date' }),
    to: z.date({ error: 'must be a date' }),
    teamId: z.number().int().positive().optional(),
    locale: z.string().regex(/^[a-z]{2}$/, 'must be a locale code such as en').optional(),
    timeZone: z.string().refine(isTimeZone, 'not an IANA time zone such as Europe/Berlin').default('UTC'),
  })
  .refine((q) => q.from < q.to, { path: ['to'], message: 'must be after from' })
  .refine((q) => q.to.getTime() - q.from.getTime() <= MAX_REPORT_DAYS * 86_400_000, { path: ['to'], message: `the period is longer than ${MAX_REPORT_DAYS} days` });

/** Checks a report query; throws ReportQueryError ("to: must be after from") when it can't be answered. */
export function validReportQuery(query: ReportQuery): ValidReportQuery {
  const parsed = reportQuerySchema.safeParse(query);
  if (!parsed.success) throw new ReportQueryError(issueLines(parsed.error, 'query').join('; '));
  return parsed.data;
}
