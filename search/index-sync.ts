import type { EventBus } from '../core/events.ts';
import type { Logger } from '../core/logger.ts';
import { loadSearchDocuments } from './documents.ts';
import type { SearchEngine } from './engine.ts';

/**
 * Keeps an engine in step with published articles: a full index at start, then each `content.changed`
 * event re-reads the changed articles (published → upsert, anything else → remove). Events from other
 * instances update this instance's embedded index too; a shared engine (Meilisearch) is updated only by
 * the instance where the change happened.
 */
export class IndexSync {
  #queue: Promise<void> = Promise.resolve();
  #unsubscribe: (() => void) | undefined;
  #stopped = false;

  readonly #engine: SearchEngine;
  readonly #events: EventBus;
  readonly #logger: Logger;
  readonly #shared: boolean;

  constructor(engine: SearchEngine, events: EventBus, logger: Logger, shared: boolean) {
    this.#engine = engine;
    this.#events = events;
    this.#logger = logger;
    this.#shared = shared;
  }

  /**
   * Follows events, then indexes everything. If the engine is unreachable the full index is retried with
   * backoff (up to a minute apart) until it succeeds; the app runs meanwhile.
   */
  async start(): Promise<void> {
    this.#unsubscribe = this.#events.on('content.changed', (change) => {
      if (change.remote && this.#shared) return;
      this.#enqueue(() => (change.articleIds.length === 0 ? this.reindexAll() : this.#reindex(change.articleIds)));
    });
    try {
      await this.reindexAll();
    } catch (error) {
      this.#retryFullIndex(1_000);
      throw error;
    }
  }

  /** Resolves when every change received so far is searchable. */
  idle(): Promise<void> {
    return this.#queue;
  }

  async reindexAll(): Promise<number> {
    const started = performance.now();
    const documents = await loadSearchDocuments();
    await this.#engine.replaceAll(documents);
    this.#logger.info({ engine: this.#engine.name, documents: documents.length, ms: Math.round(performance.now() - started) }, 'search index built');
    return documents.length;
  }

  stop(): void {
    this.#stopped = true;
    this.#unsubscribe?.();
  }

  #retryFullIndex(delayMs: number): void {
    setTimeout(() => {
      if (this.#stopped) return;
      this.reindexAll().catch((error: unknown) => {
        this.#logger.warn({ err: error, retryInMs: delayMs * 2 }, 'search index still not built');
        this.#retryFullIndex(Math.min(delayMs * 2, 60_000));
      });
    }, delayMs).unref();
  }

  async #reindex(ids: number[]): Promise<void> {
    const documents = await loadSearchDocuments(ids);
    const published = new Set(documents.map((d) => d.id));
    await this.#engine.upsert(documents);
    await this.#engine.remove(ids.filter((id) => !published.has(id)));
  }

  /** Changes apply one after another, in the order they happened; a failure is logged, not fatal. */
  #enqueue(work: () => Promise<unknown>): void {
    this.#queue = this.#queue.then(work).then(
      () => undefined,
      (error: unknown) => this.#logger.error({ err: error }, 'search index update failed'),
    );
  }
}
