import type { ChatReport, FunnelReport } from '../../../core/metrics/index.ts';
import type { ReportFilters } from '../report-filters.ts';
import { formatCount, formatDuration, formatRate } from '../report-format.ts';
import type { ReportView } from '../report-view.ts';
import { daysOf, valuesByDay } from './report-days.ts';
import { funnelSteps, overallCsat } from './shared-charts.ts';

/** The dashboard: the five key numbers, the deflection funnel and conversations by day. */
export function dashboardView(funnel: FunnelReport, chat: ChatReport, filters: ReportFilters): ReportView {
  const days = daysOf(filters);
  const csat = overallCsat(chat);
  const numbers = [
    { label: 'Self-service rate', value: formatRate(funnel.selfServiceRate), hint: 'Help-center visitors who did not need a person.' },
    { label: 'Answer bot resolution', value: formatRate(funnel.answerBotResolutionRate), hint: 'Helped ÷ (helped + handed to a person).' },
    { label: 'Conversations', value: formatCount(chat.conversations) },
    { label: 'First reply (median)', value: formatDuration(chat.firstReply.p50Seconds), hint: 'Within business hours.' },
    { label: 'CSAT', value: formatRate(csat), hint: 'Share of ratings that were 😃.' },
  ];
  return {
    numbers,
    charts: [
      { kind: 'funnel', title: 'Deflection funnel', steps: funnelSteps(funnel) },
      { kind: 'line', title: 'Conversations by day', labels: days, series: [{ name: 'Conversations', values: valuesByDay(days, chat.byDay, (d) => d.conversations) }], area: true },
    ],
    csv: [{ name: 'totals', table: {
      columns: ['metric', 'value'],
      rows: [
        ['selfServiceRate', funnel.selfServiceRate],
        ['answerBotResolutionRate', funnel.answerBotResolutionRate],
        ['conversations', chat.conversations],
        ['firstReplyP50Seconds', chat.firstReply.p50Seconds],
        ['csat', csat],
        ...funnelSteps(funnel).map((step) => [step.label, step.value] as [string, number]),
      ],
    } }],
  };
}
