import { describe, expect, it } from 'vitest';
import type { ChatReport } from '../../../../core/metrics/index.ts';
import { parseReportFilters } from '../../../../admin/reports/report-filters.ts';
import { chatView } from '../../../../admin/reports/views/chat-view.ts';
import { daysOf, valuesByDay } from '../../../../admin/reports/views/report-days.ts';

const parsed = parseReportFilters(new URLSearchParams('period=custom&from=2026-11-01&to=2026-11-03'), { timeZone: 'UTC' });
if (!parsed.ok) throw new Error('valid filters refused');
const filters = parsed.filters;

const report: ChatReport = {
  conversations: 3,
  byDay: [{ day: '2026-11-02', conversations: 3 }],
  heatmap: [{ weekday: 1, hour: 9, conversations: 2 }, { weekday: 7, hour: 23, conversations: 1 }],
  firstReply: { count: 2, p50Seconds: 90, p90Seconds: 600, unanswered: 1 },
  resolution: { count: 0, p50Seconds: null, p90Seconds: null },
  reopenRate: null,
  csatByTeam: [],
  csatByOperator: [{ id: 1, name: 'Olga', sad: 1, neutral: 0, happy: 3, csat: 0.75 }, { id: 2, name: 'Sam', sad: 0, neutral: 0, happy: 0, csat: null }],
  operatorLoad: [{ operatorId: 1, name: 'Olga', openNow: 1, handled: 2 }],
};

describe('report views', () => {
  it('lists every day of the period and fills the quiet ones with 0', () => {
    expect(daysOf(filters)).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(valuesByDay(daysOf(filters), report.byDay, (d) => d.conversations)).toEqual([0, 3, 0]);
  });

  it('puts Monday 09:00 in the first row and Sunday 23:00 in the last of the heatmap', () => {
    const heatmap = chatView(report, {}, filters).charts.find((chart) => chart.kind === 'heatmap');
    if (heatmap?.kind !== 'heatmap') throw new Error('no heatmap');
    expect(heatmap.cells[0]![9]).toBe(2);
    expect(heatmap.cells[6]![23]).toBe(1);
    expect(heatmap.cells.flat().reduce((a, b) => a + b, 0)).toBe(3);
  });

  it('reads times and missing measures as people do, and leaves operators without ratings out of the CSAT chart', () => {
    const view = chatView(report, {}, filters);
    expect(view.numbers.find((n) => n.label === 'First reply (median)')?.value).toBe('2 min');
    expect(view.numbers.find((n) => n.label === 'Resolution time (median)')?.value).toBe('–');
    const csat = view.charts.find((chart) => chart.title === 'CSAT by operator');
    expect(csat?.kind === 'bar' && csat.rows).toEqual([{ label: 'Olga (4 ratings)', value: 75 }]);
  });
});
