import { describe, expect, it } from 'vitest';
import { formatCount, formatDuration, formatRate } from '../../../../admin/reports/report-format.ts';

describe('report number formats', () => {
  it('shows rates as whole percentages, and a dash when nothing could be measured', () => {
    expect(formatRate(0.4234)).toBe('42%');
    expect(formatRate(1)).toBe('100%');
    expect(formatRate(0)).toBe('0%');
    expect(formatRate(null)).toBe('–');
    expect(formatRate(Number.NaN)).toBe('–');
  });

  it('shows durations in the largest unit that reads naturally', () => {
    expect(formatDuration(45)).toBe('45 s');
    expect(formatDuration(12 * 60 + 10)).toBe('12 min');
    expect(formatDuration(3 * 3600 + 20 * 60)).toBe('3 h 20 min');
    expect(formatDuration(2 * 3600)).toBe('2 h');
    expect(formatDuration(2 * 86_400 + 4 * 3600)).toBe('2 d 4 h');
    expect(formatDuration(null)).toBe('–');
  });

  it('groups thousands', () => {
    expect(formatCount(12345)).toBe('12,345');
  });
});
