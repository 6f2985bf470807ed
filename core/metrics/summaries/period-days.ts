const DAY_MS = 86_400_000;

/** A span of time [from, to) read from the raw rows. */
export interface RawSpan {
  from: Date;
  to: Date;
}

/** The UTC days ('YYYY-MM-DD') that lie wholly inside [from, to): the ones a summary may stand for. */
export function wholeUtcDays(from: Date, to: Date): string[] {
  const days: string[] = [];
  for (let start = Math.ceil(from.getTime() / DAY_MS) * DAY_MS; start + DAY_MS <= to.getTime(); start += DAY_MS) {
    days.push(new Date(start).toISOString().slice(0, 10));
  }
  return days;
}

/**
 * What of [from, to) the summaries of `covered` days (sorted 'YYYY-MM-DD') leave to the raw rows: the partial
 * days at each end, today, and any day not summarised (yet, or any more), as few spans as possible.
 */
export function rawSpans(from: Date, to: Date, covered: readonly string[]): RawSpan[] {
  const spans: RawSpan[] = [];
  let start = from.getTime();
  for (const day of covered) {
    const dayStart = Date.parse(`${day}T00:00:00Z`);
    if (dayStart > start) spans.push({ from: new Date(start), to: new Date(dayStart) });
    start = Math.max(start, dayStart + DAY_MS);
  }
  if (start < to.getTime()) spans.push({ from: new Date(start), to });
  return spans;
}
