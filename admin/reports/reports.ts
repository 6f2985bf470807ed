import type { Core } from '../../core/app.ts';
import type { Permission } from '../../core/accounts/index.ts';
import type { ReportFilters } from './report-filters.ts';
import type { ReportView } from './report-view.ts';
import { loadChatReport, loadDashboard, loadDeflectionReport, loadHelpCenterReport } from './report-loaders.ts';

/** One report: its page, who may open it, and how its data is read for the page and for the CSV. */
export interface ReportDefinition {
  name: ReportName;
  title: string;
  /** Its link in the reports' navigation. */
  label: string;
  intro: string;
  path: string;
  permission: Permission;
  load(core: Core, filters: ReportFilters): Promise<ReportView>;
}

export type ReportName = 'dashboard' | 'help-center' | 'deflection' | 'chat';

/** The reports, in the order the reports' navigation lists them. `/admin/reports/<name>.csv` exports each. */
export const REPORTS: Readonly<Record<ReportName, ReportDefinition>> = {
  dashboard: {
    name: 'dashboard',
    title: 'Reports',
    label: 'Overview',
    intro: 'How many questions the help center and the answer bot settle on their own, and how the team does with the rest.',
    path: '/admin/reports',
    permission: 'reports.view',
    load: loadDashboard,
  },
  'help-center': {
    name: 'help-center',
    title: 'Help center',
    label: 'Help center',
    intro: 'Visits, article views, searches (and the ones that found nothing or were not clicked), and how readers rated articles.',
    path: '/admin/reports/help-center',
    permission: 'reports.view',
    load: loadHelpCenterReport,
  },
  deflection: {
    name: 'deflection',
    title: 'Deflection',
    label: 'Deflection',
    intro: 'From a visit to a chat: where visitors found their answer, and which articles still end in a conversation.',
    path: '/admin/reports/deflection',
    permission: 'reports.view',
    load: loadDeflectionReport,
  },
  chat: {
    name: 'chat',
    title: 'Chat',
    label: 'Chat',
    intro: 'Conversations by day and hour, reply and resolution times within business hours, reopenings, CSAT and each operator’s load.',
    path: '/admin/reports/chat',
    permission: 'reports.chat',
    load: loadChatReport,
  },
};

export function isReportName(name: string): name is ReportName {
  return Object.hasOwn(REPORTS, name);
}
