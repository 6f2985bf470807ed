import type { Sequelize } from 'sequelize';
import type { Logger } from '../logger.ts';

/**
 * Counts article views in memory and writes them in one statement every few seconds, so reading an article
 * never waits on a write. Popular articles are ranked by these counts.
 */
export class ViewCounter {
  #pending = new Map<number, number>();
  readonly #timer: NodeJS.Timeout;

  readonly #sequelize: Sequelize;
  readonly #logger: Logger;

  constructor(sequelize: Sequelize, logger: Logger, intervalMs = 5_000) {
    this.#sequelize = sequelize;
    this.#logger = logger;
    this.#timer = setInterval(() => void this.flush(), intervalMs);
    this.#timer.unref();
  }

  record(articleId: number): void {
    this.#pending.set(articleId, (this.#pending.get(articleId) ?? 0) + 1);
  }

  async flush(): Promise<void> {
    if (this.#pending.size === 0) return;
    const batch = this.#pending;
    this.#pending = new Map();
    const ids = [...batch.keys()];
    const counts = ids.map((id) => batch.get(id)!);
    try {
      await this.#sequelize.query(
        `UPDATE articles SET view_count = view_count + v.n
           FROM unnest(ARRAY[:ids]::int[], ARRAY[:counts]::int[]) AS v(id, n)
          WHERE articles.id = v.id`,
        { replacements: { ids, counts } },
      );
    } catch (error) {
      this.#logger.warn({ err: error }, 'could not store article views; they are kept for the next flush');
      for (const [id, n] of batch) this.#pending.set(id, (this.#pending.get(id) ?? 0) + n);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.flush();
  }
}
