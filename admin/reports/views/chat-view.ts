import type { CsatRow } from '../../../core/metrics/chat-report.ts';
import type { ChatReport, ReportTable } from '../../../core/metrics/index.ts';
import type { ReportFilters } from '../report-filters.ts';
import { formatCount, formatDuration, formatRate } from '../report-format.ts';
import type { ReportView } from '../report-view.ts';
import { daysOf, valuesByDay } from './report-days.ts';

/** CSAT rows as bars of whole percentages, best first; rows without ratings are left out of the chart. */
function csatBars(rows: readonly CsatRow[], fallback: string): Array<{ label: string; value: number }> {
  return rows
    .filter((row) => row.csat !== null)
    .map((row) => {
      const ratings = row.sad + row.neutral + row.happy;
      return { label: `${row.name ?? fallback} (${ratings} rating${ratings === 1 ? '' : 's'})`, value: Math.round(row.csat! * 100) };
    })
    .sort((a, b) => b.value - a.value);
}

/** Volume by day and by hour of the week, reply and resolution times, reopenings, CSAT and load. */
export function chatView(report: ChatReport, tables: Record<string, ReportTable>, filters: ReportFilters): ReportView {
  const days = daysOf(filters);
  // Metrics number weekdays ISO-style (1 = Monday); the heatmap's rows start at Monday = 0.
  const cells = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
  for (const cell of report.heatmap) cells[cell.weekday - 1]![cell.hour] = cell.conversations;
  return {
    numbers: [
      { label: 'Conversations', value: formatCount(report.conversations) },
      { label: 'First reply (median)', value: formatDuration(report.firstReply.p50Seconds), hint: 'Business hours only.' },
      { label: 'First reply (90th percentile)', value: formatDuration(report.firstReply.p90Seconds), hint: 'Business hours only.' },
      { label: 'Not answered yet', value: formatCount(report.firstReply.unanswered) },
      { label: 'Resolution time (median)', value: formatDuration(report.resolution.p50Seconds) },
      { label: 'Reopen rate', value: formatRate(report.reopenRate) },
    ],
    charts: [
      { kind: 'line', title: 'Conversations by day', labels: days, series: [{ name: 'Conversations', values: valuesByDay(days, report.byDay, (d) => d.conversations) }], area: true },
      { kind: 'heatmap', title: 'When conversations start (weekday × hour)', cells },
      { kind: 'bar', title: 'CSAT by team', labelHeader: 'Team', valueHeader: 'CSAT (% 😃)', rows: csatBars(report.csatByTeam, 'No team'), unit: '%' },
      { kind: 'bar', title: 'CSAT by operator', labelHeader: 'Operator', valueHeader: 'CSAT (% 😃)', rows: csatBars(report.csatByOperator, 'Unassigned'), unit: '%' },
      { kind: 'bar', title: 'Conversations handled per operator', labelHeader: 'Operator', valueHeader: 'Handled', rows: report.operatorLoad.map((row) => ({ label: row.name, value: row.handled })).sort((a, b) => b.value - a.value) },
    ],
    tables: [{ title: 'Operator load', columns: ['Operator', 'Open now', 'Handled in the period'], rows: report.operatorLoad.map((row) => [row.name, row.openNow, row.handled]) }],
    csv: Object.entries(tables).map(([name, table]) => ({ name, table })),
  };
}
