import type { FunnelReport, ReportTable } from '../../../core/metrics/index.ts';
import { formatCount, formatRate } from '../report-format.ts';
import type { ReportView } from '../report-view.ts';
import { funnelSteps } from './shared-charts.ts';

/** The funnel, the answer bot's outcomes, and the articles after which visitors still started a chat. */
export function deflectionView(report: FunnelReport, tables: Record<string, ReportTable>): ReportView {
  return {
    numbers: [
      { label: 'Self-service rate', value: formatRate(report.selfServiceRate), hint: 'Help-center visitors who did not need a person.' },
      { label: 'Answer bot resolution', value: formatRate(report.answerBotResolutionRate), hint: 'Helped ÷ (helped + handed to a person).' },
      { label: 'Answer bot helped', value: formatCount(report.botHelped) },
      { label: 'Handed to a person', value: formatCount(report.botEscalated) },
      { label: 'Deflections', value: formatCount(report.deflections), hint: 'Visitors who opened a suggested article and closed the widget without writing.' },
    ],
    charts: [
      { kind: 'funnel', title: 'Deflection funnel', steps: funnelSteps(report) },
      { kind: 'bar', title: 'Articles leading to chats', labelHeader: 'Article', valueHeader: 'Conversations', rows: report.articlesLeadingToChats.map((row) => ({ label: row.title, value: row.conversations, href: `/admin/articles/${row.articleId}` })) },
    ],
    csv: Object.entries(tables).map(([name, table]) => ({ name, table })),
  };
}
