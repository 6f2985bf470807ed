import type { Core } from '../../core/app.ts';
import type { ReportQuery } from '../../core/metrics/index.ts';
import type { ReportFilters } from './report-filters.ts';
import type { ReportView } from './report-view.ts';
import { chatView } from './views/chat-view.ts';
import { dashboardView } from './views/dashboard-view.ts';
import { deflectionView } from './views/deflection-view.ts';
import { helpCenterView } from './views/help-center-view.ts';

/** The filters as the metrics ask for them. */
function queryOf(filters: ReportFilters): ReportQuery {
  return { from: filters.from, to: filters.to, timeZone: filters.timeZone, teamId: filters.teamId, locale: filters.locale };
}

/** Each report page's data: one or two calls to core.metrics, then the view (numbers, charts, CSV tables). */
export async function loadDashboard(core: Core, filters: ReportFilters): Promise<ReportView> {
  const [funnel, chat] = await Promise.all([core.metrics.funnel(queryOf(filters)), core.metrics.chat(queryOf(filters))]);
  return dashboardView(funnel, chat, filters);
}

export async function loadHelpCenterReport(core: Core, filters: ReportFilters): Promise<ReportView> {
  const report = await core.metrics.helpCenter(queryOf(filters));
  return helpCenterView(report, core.metrics.tables.helpCenter(report), filters);
}

export async function loadDeflectionReport(core: Core, filters: ReportFilters): Promise<ReportView> {
  const report = await core.metrics.funnel(queryOf(filters));
  return deflectionView(report, core.metrics.tables.funnel(report));
}

export async function loadChatReport(core: Core, filters: ReportFilters): Promise<ReportView> {
  const report = await core.metrics.chat(queryOf(filters));
  return chatView(report, core.metrics.tables.chat(report), filters);
}
