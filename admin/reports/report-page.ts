import type { AstroGlobal } from 'astro';
import type { TeamView } from '../../core/teams/index.ts';
import { guard } from '../guard.ts';
import { filtersQuery, parseReportFilters, type ReportFilters } from './report-filters.ts';
import type { ReportDefinition } from './reports.ts';
import type { ReportView } from './report-view.ts';

/** What the filter form offers: the teams, the site's languages and the time zones. */
export interface FilterChoices {
  teams: Array<{ id: number; name: string }>;
  locales: Array<{ code: string; name: string }>;
  timeZones: string[];
}

/** A report page ready to render: the view, or the reasons the filters were refused (the page answers 400). */
export type ReportPage = { choices: FilterChoices; params: URLSearchParams } & ({ filters: ReportFilters; query: string; view: ReportView; errors?: undefined } | { errors: string[]; filters?: undefined; query?: undefined; view?: undefined });

/**
 * The support team's own time zone (the default team's business hours) is the natural default for "today";
 * an admin elsewhere picks theirs and the URL keeps it.
 */
export function defaultTimeZoneOf(teams: readonly TeamView[]): string {
  return teams.find((team) => team.isDefault)?.schedule?.timeZone ?? 'UTC';
}

/**
 * Everything a report page does before rendering: the policy, the filters from the query string and the
 * report's data. Returns a Response (sign in, 403) to send instead, or the page's data.
 */
export async function openReportPage(Astro: AstroGlobal, report: ReportDefinition): Promise<Response | ReportPage> {
  const denied = guard(Astro, report.permission);
  if (denied) return denied;
  const { core, site } = Astro.locals;
  const teams = await core.teams.list();
  const choices: FilterChoices = {
    teams: teams.map(({ id, name }) => ({ id, name })),
    locales: site.locales.map(({ code, name }) => ({ code, name })),
    timeZones: Intl.supportedValuesOf('timeZone'),
  };
  const params = Astro.url.searchParams;
  const parsed = parseReportFilters(params, { timeZone: defaultTimeZoneOf(teams) });
  if (!parsed.ok) {
    Astro.response.status = 400;
    return { choices, params, errors: parsed.errors };
  }
  const view = await report.load(core, parsed.filters);
  return { choices, params, filters: parsed.filters, query: filtersQuery(parsed.filters), view };
}
