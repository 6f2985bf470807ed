import { localDayOf, type LocalDay } from './local-days.ts';
import type { Closure } from './schedule-schema.ts';

interface DayRange {
  from: LocalDay;
  to: LocalDay;
}

/**
 * A schedule's closures as sorted runs of consecutive closed dates: overlapping or back-to-back closures
 * (24–26 Dec and 27 Dec) become one run, so a walk over the calendar can jump a whole run at once.
 */
export class ClosedDates {
  private readonly runs: DayRange[] = [];

  constructor(closures: Closure[]) {
    const ranges = closures.map((closure) => ({ from: localDayOf(closure.from), to: localDayOf(closure.to ?? closure.from) })).sort((a, b) => a.from - b.from);
    for (const range of ranges) {
      const last = this.runs.at(-1);
      if (last && range.from <= last.to + 1) last.to = Math.max(last.to, range.to);
      else this.runs.push({ ...range });
    }
  }

  /** The last day of the closed run that contains `day`, or undefined when `day` is not closed. */
  closedThrough(day: LocalDay): LocalDay | undefined {
    return this.runs.find((run) => run.from <= day && day <= run.to)?.to;
  }

  isClosed(day: LocalDay): boolean {
    return this.closedThrough(day) !== undefined;
  }

  /** The last closed day of all, or undefined when there are no closures. */
  lastClosedDay(): LocalDay | undefined {
    return this.runs.at(-1)?.to;
  }
}
