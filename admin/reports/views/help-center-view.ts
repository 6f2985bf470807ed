import type { HelpCenterReport, ReportTable } from '../../../core/metrics/index.ts';
import type { ReportFilters } from '../report-filters.ts';
import { formatCount } from '../report-format.ts';
import type { ReportView } from '../report-view.ts';
import { daysOf, valuesByDay } from './report-days.ts';

/** Top articles by 😞 shown in the chart (the CSV has them all). */
const TOP = 10;

/** Visits, views and searches of the period, reactions by day, and the articles readers were unhappy with. */
export function helpCenterView(report: HelpCenterReport, tables: Record<string, ReportTable>, filters: ReportFilters): ReportView {
  const days = daysOf(filters);
  const sad = report.reactionsByArticle.filter((row) => row.sad > 0).slice(0, TOP);
  return {
    numbers: [
      { label: 'Visits', value: formatCount(report.visits), hint: 'Different visitors who opened a help-center page.' },
      { label: 'Article views', value: formatCount(report.articleViews) },
      { label: 'Searches', value: formatCount(report.searches) },
      { label: 'Searches without results', value: formatCount(report.failedSearches) },
      { label: 'Searches without a click', value: formatCount(report.noClickSearches) },
    ],
    charts: [
      {
        kind: 'line',
        title: 'Reactions by day',
        labels: days,
        series: [
          { name: '😃 Yes', values: valuesByDay(days, report.reactionsByDay, (d) => d.happy) },
          { name: '😐 Partly', values: valuesByDay(days, report.reactionsByDay, (d) => d.neutral) },
          { name: '😞 No', values: valuesByDay(days, report.reactionsByDay, (d) => d.sad) },
        ],
      },
      { kind: 'bar', title: 'Articles with the most 😞', labelHeader: 'Article', valueHeader: '😞 reactions', rows: sad.map((row) => ({ label: row.title, value: row.sad, href: `/admin/articles/${row.articleId}` })) },
    ],
    csv: Object.entries(tables).map(([name, table]) => ({ name, table })),
  };
}
