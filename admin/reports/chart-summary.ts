import { percentOf } from './chart-scale.ts';

/**
 * One-sentence summaries that charts carry as their aria-label: what a sighted reader takes from the
 * picture at a glance (the peak, the leader, the drop-off). The exact numbers are in each chart's table.
 */

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

const number = (value: number) => value.toLocaleString('en');

/** "Conversations, 2026-11-01 to 2026-11-30. Conversations: peak 8 on 2026-11-12, 42 in all." */
export function lineSummary(title: string, labels: readonly string[], series: ReadonlyArray<{ name: string; values: readonly number[]; total?: boolean }>): string {
  if (labels.length === 0) return `${title}: no data in this period.`;
  const parts = series.map(({ name, values, total = true }) => {
    let peak = 0;
    values.forEach((value, i) => (value > values[peak]! ? (peak = i) : undefined));
    const sum = values.reduce((a, b) => a + b, 0);
    if (sum === 0) return `${name}: none`;
    return `${name}: peak ${number(values[peak]!)} on ${labels[peak]}${total ? `, ${number(sum)} in all` : ''}`;
  });
  return `${title}, ${labels[0]} to ${labels[labels.length - 1]}. ${parts.join('; ')}.`;
}

/** "Top searches without results: refund (12), invoice (7), password (3)." — the first three. */
export function barSummary(title: string, rows: ReadonlyArray<{ label: string; value: number }>): string {
  if (rows.length === 0) return `${title}: none in this period.`;
  return `${title}: ${rows.slice(0, 3).map((row) => `${row.label} (${number(row.value)})`).join(', ')}${rows.length > 3 ? `, and ${rows.length - 3} more` : ''}.`;
}

/** "Deflection funnel: Visits 120, then Searches 40 (33%), then Chats 5 (13%)." */
export function funnelSummary(title: string, steps: ReadonlyArray<{ label: string; value: number }>): string {
  if (steps.length === 0) return `${title}: no data.`;
  const parts = steps.map((step, i) => {
    const share = i === 0 ? null : percentOf(step.value, steps[i - 1]!.value);
    return `${step.label} ${number(step.value)}${share === null ? '' : ` (${share}%)`}`;
  });
  return `${title}: ${parts.join(', then ')}.`;
}

/** "Conversations by weekday and hour: busiest Tuesday 14:00 (9), 57 in all." */
export function heatmapSummary(title: string, cells: ReadonlyArray<readonly number[]>): string {
  let best = { day: 0, hour: 0, value: 0 };
  let sum = 0;
  cells.forEach((hours, day) =>
    hours.forEach((value, hour) => {
      sum += value;
      if (value > best.value) best = { day, hour, value };
    }),
  );
  if (sum === 0) return `${title}: none in this period.`;
  return `${title}: busiest ${WEEKDAYS[best.day]} ${hourLabel(best.hour)} (${number(best.value)}), ${number(sum)} in all.`;
}

/** 9 → "09:00". */
export function hourLabel(hour: number): string {
  return `${String(hour).padStart(2, '0')}:00`;
}
