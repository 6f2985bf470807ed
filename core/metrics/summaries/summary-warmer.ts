import type { Sequelize } from 'sequelize';
import type { Logger } from '../../logger.ts';
import { MAX_REPORT_DAYS } from '../report-query.ts';
import { buildDays } from './day-builder.ts';
import { wholeUtcDays } from './period-days.ts';

/**
 * Builds the missing day summaries of the longest period a report may cover, in the background, so the
 * reports rarely pay for a cold day themselves: after a deploy (a year takes seconds), once a day has closed,
 * and after writes that made days forget their summaries. The first run waits a minute (the process has just
 * started: short-lived processes and tests never build), then one an hour. Missing days are still built by the
 * report that needs them, so this only moves work out of the way; it is never needed for a right answer.
 */
export class SummaryWarmer {
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;
  #running: Promise<unknown> = Promise.resolve();
  readonly #sequelize: Sequelize;
  readonly #logger: Logger;

  readonly #timing: { firstRunMs: number; everyMs: number };

  constructor(sequelize: Sequelize, logger: Logger, timing = { firstRunMs: 60_000, everyMs: 3_600_000 }) {
    this.#sequelize = sequelize;
    this.#logger = logger;
    this.#timing = timing;
  }

  start(): void {
    const run = (next: number) => {
      if (this.#stopped) return;
      this.#timer = setTimeout(() => {
        this.#running = this.warm().finally(() => run(this.#timing.everyMs));
      }, next);
      this.#timer.unref();
    };
    run(this.#timing.firstRunMs);
  }

  /** Builds every missing closed day of the last MAX_REPORT_DAYS; a failure is logged and retried next time. */
  async warm(now = new Date()): Promise<void> {
    try {
      const days = wholeUtcDays(new Date(now.getTime() - MAX_REPORT_DAYS * 86_400_000), now);
      const built = await buildDays(this.#sequelize, days);
      if (built.length) this.#logger.info({ days: built.length }, 'report day summaries built');
    } catch (error) {
      this.#logger.warn({ err: error }, 'could not build report day summaries; reports build them when asked');
    }
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }
}
