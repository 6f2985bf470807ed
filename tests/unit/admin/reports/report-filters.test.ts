import { describe, expect, it } from 'vitest';
import { filtersQuery, parseReportFilters } from '../../../../admin/reports/report-filters.ts';

const now = new Date('2026-11-24T02:30:00Z');
const parse = (query: string, timeZone = 'UTC') => parseReportFilters(new URLSearchParams(query), { timeZone }, now);

describe('report filters', () => {
  it('reads "last 7 days" as today and the six days before, in the chosen time zone', () => {
    const result = parse('period=7&tz=America/New_York');
    expect(result).toMatchObject({ ok: true, filters: { fromDate: '2026-11-17', toDate: '2026-11-23', timeZone: 'America/New_York' } });
    if (!result.ok) return;
    // It is still the 23rd in New York at 02:30 UTC; days start at local midnight (UTC−5).
    expect(result.filters.from.toISOString()).toBe('2026-11-17T05:00:00.000Z');
    expect(result.filters.to.toISOString()).toBe('2026-11-24T05:00:00.000Z');
  });

  it('defaults to the last 30 days in the default time zone', () => {
    expect(parse('', 'Europe/Moscow')).toMatchObject({ ok: true, filters: { period: '30', fromDate: '2026-10-26', toDate: '2026-11-24', timeZone: 'Europe/Moscow' } });
  });

  it('takes a custom range of whole days, with team and language', () => {
    const result = parse('period=custom&from=2026-11-01&to=2026-11-03&team=2&locale=ru&tz=UTC');
    expect(result).toMatchObject({ ok: true, filters: { teamId: 2, locale: 'ru', fromDate: '2026-11-01', toDate: '2026-11-03' } });
    if (!result.ok) return;
    expect(result.filters.to.getTime() - result.filters.from.getTime()).toBe(3 * 86_400_000);
  });

  it('treats dates given without choosing "custom" as a custom range, and empty fields as unset', () => {
    expect(parse('from=2026-11-01&to=2026-11-02&team=&locale=')).toMatchObject({ ok: true, filters: { period: 'custom', fromDate: '2026-11-01' } });
    const result = parse('team=&locale=');
    expect(result.ok && 'teamId' in result.filters).toBe(false);
  });

  it('says clearly what is wrong with a bad period instead of failing', () => {
    expect(parse('period=custom&from=2026-02-30&to=2026-03-01')).toEqual({ ok: false, errors: ['From: that day does not exist'] });
    expect(parse('period=custom&from=2026-11-10&to=2026-11-01')).toEqual({ ok: false, errors: ['To: the end date is before the start date'] });
    expect(parse('period=custom&from=yesterday&to=2026-11-01')).toEqual({ ok: false, errors: ['From: use a date like 2026-11-30'] });
    expect(parse('period=custom&from=2024-01-01&to=2026-11-01')).toEqual({ ok: false, errors: ['To: choose at most 366 days'] });
    expect(parse('period=custom')).toEqual({ ok: false, errors: ['From: a custom period needs a start date', 'To: a custom period needs an end date'] });
    expect(parse('tz=Mars/Olympus')).toEqual({ ok: false, errors: ['Time zone: not a time zone such as Europe/Berlin'] });
    expect(parse('period=12').ok).toBe(false);
  });

  it('writes the filters back as a query string that reads the same', () => {
    const first = parse('period=custom&from=2026-11-01&to=2026-11-03&team=2&locale=ru&tz=Europe/Berlin');
    if (!first.ok) throw new Error('valid filters refused');
    expect(parse(filtersQuery(first.filters))).toEqual(first);
  });
});
