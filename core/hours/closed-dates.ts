import { Temporal } from 'temporal-polyfill';
import type { Closure } from './schedule-schema.ts';

interface DateRange {
  from: Temporal.PlainDate;
  to: Temporal.PlainDate;
}

/**
 * A schedule's closures as sorted runs of consecutive closed dates: overlapping or back-to-back closures
 * (24–26 Dec and 27 Dec) become one run, so a walk over the calendar can jump a whole run at once.
 */
export class ClosedDates {
  private readonly runs: DateRange[];

  constructor(closures: Closure[]) {
    const ranges = closures
      .map((closure) => ({ from: Temporal.PlainDate.from(closure.from), to: Temporal.PlainDate.from(closure.to ?? closure.from) }))
      .sort((a, b) => Temporal.PlainDate.compare(a.from, b.from));
    this.runs = [];
    for (const range of ranges) {
      const last = this.runs.at(-1);
      if (last && Temporal.PlainDate.compare(range.from, last.to.add({ days: 1 })) <= 0) {
        if (Temporal.PlainDate.compare(range.to, last.to) > 0) last.to = range.to;
      } else {
        this.runs.push({ ...range });
      }
    }
  }

  /** The last date of the closed run that contains `date`, or undefined when `date` is not closed. */
  closedThrough(date: Temporal.PlainDate): Temporal.PlainDate | undefined {
    const run = this.runs.find((range) => Temporal.PlainDate.compare(range.from, date) <= 0 && Temporal.PlainDate.compare(date, range.to) <= 0);
    return run?.to;
  }

  isClosed(date: Temporal.PlainDate): boolean {
    return this.closedThrough(date) !== undefined;
  }

  /** The last closed date of all, or undefined when there are no closures. */
  lastClosedDate(): Temporal.PlainDate | undefined {
    return this.runs.at(-1)?.to;
  }
}
