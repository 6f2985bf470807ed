import type { APIRoute } from 'astro';
import { guard } from '../../guard.ts';
import { csvFilename, toCsv } from '../../reports/csv.ts';
import { parseReportFilters } from '../../reports/report-filters.ts';
import { defaultTimeZoneOf } from '../../reports/report-page.ts';
import { isReportName, REPORTS } from '../../reports/reports.ts';

/** `GET /admin/reports/<report>.csv?…the page's filters[&table=<section>]`: a report section as a spreadsheet, named after its period. */
export const GET: APIRoute = async (context) => {
  const name = context.params.report ?? '';
  if (!isReportName(name)) return new Response(`No report called “${name}”.`, { status: 404 });
  const report = REPORTS[name];
  // The same guard as the page: a signed-out browser is sent to sign in and comes back to the download.
  const denied = guard(context, report.permission);
  if (denied) return denied;
  const { core } = context.locals;
  const parsed = parseReportFilters(context.url.searchParams, { timeZone: defaultTimeZoneOf(await core.teams.list()) });
  if (!parsed.ok) return new Response(`These filters can't be exported:\n${parsed.errors.join('\n')}\n`, { status: 400, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  const view = await report.load(core, parsed.filters);
  // A report has several sections (totals, by day, per operator…), each its own rectangular file.
  const wanted = context.url.searchParams.get('table');
  const section = wanted ? view.csv.find((s) => s.name === wanted) : view.csv[0];
  if (!section) return new Response(`No table “${wanted}” in this report; there are: ${view.csv.map((s) => s.name).join(', ')}.\n`, { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(toCsv(section.table), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${csvFilename(`${name}-${section.name}`, parsed.filters.fromDate, parsed.filters.toDate)}"`,
      'Cache-Control': 'no-store',
    },
  });
};
