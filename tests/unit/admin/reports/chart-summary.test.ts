import { describe, expect, it } from 'vitest';
import { barSummary, funnelSummary, heatmapSummary, lineSummary } from '../../../../admin/reports/chart-summary.ts';

describe('chart summaries (the charts’ accessible names)', () => {
  it('names the peak day and the total of each series', () => {
    expect(lineSummary('Conversations', ['2026-11-01', '2026-11-02', '2026-11-03'], [{ name: 'Started', values: [2, 8, 1] }])).toBe('Conversations, 2026-11-01 to 2026-11-03. Started: peak 8 on 2026-11-02, 11 in all.');
  });

  it('does not add up rates, and says when a series is empty', () => {
    expect(lineSummary('CSAT', ['a', 'b'], [{ name: 'Happy', values: [50, 80], total: false }, { name: 'Sad', values: [0, 0] }])).toBe('CSAT, a to b. Happy: peak 80 on b; Sad: none.');
  });

  it('lists the leaders of a top-N chart', () => {
    expect(barSummary('Top', [{ label: 'a', value: 5 }, { label: 'b', value: 3 }, { label: 'c', value: 2 }, { label: 'd', value: 1 }])).toBe('Top: a (5), b (3), c (2), and 1 more.');
    expect(barSummary('Top', [])).toBe('Top: none in this period.');
  });

  it('walks the funnel with the share kept at each step', () => {
    expect(funnelSummary('Funnel', [{ label: 'Visits', value: 120 }, { label: 'Searches', value: 40 }, { label: 'Chats', value: 5 }])).toBe('Funnel: Visits 120, then Searches 40 (33%), then Chats 5 (13%).');
  });

  it('finds the busiest hour of the week', () => {
    const cells = Array.from({ length: 7 }, () => Array<number>(24).fill(0));
    cells[1]![14] = 9;
    cells[4]![9] = 3;
    expect(heatmapSummary('When chats start', cells)).toBe('When chats start: busiest Tuesday 14:00 (9), 12 in all.');
    expect(heatmapSummary('When chats start', [])).toBe('When chats start: none in this period.');
  });
});
