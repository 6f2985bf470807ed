/**
 * The Meilisearch adapter of the search port (used when MEILISEARCH_URL is set).
 *
 * Decision: one index per locale, `<prefix>_articles_<locale>`, created on demand. A shared index would
 * need one set of stop words and one tokenizer language for English and Russian at once, and its ranking
 * statistics (word frequencies for typo/`frequency` decisions) would mix both languages. Per-locale indexes
 * get language-specific stop words, synonyms and `localizedAttributes` (`eng`, `rus`: Meilisearch's
 * tokenizer does not have to guess the language), and a search only ever touches its own locale.
 *
 * Meilisearch does not stem, so every document carries a `stems` field (Snowball stems of all its words) and
 * the query is extended with the stems of its words (see query.ts). Writes are asynchronous tasks: every
 * write waits for its tasks and fails if one of them failed. Connection failures are retried with backoff
 * and end as `SearchUnavailableError`.
 */
import { Meilisearch, MeilisearchApiError, type EnqueuedTask } from 'meilisearch';
import type { SearchDocument, SearchEngine, SearchQuery, SearchResult, SearchSettings } from '../engine.ts';
import { chunk, groupByLocale, toIndexedDocument, type IndexedDocument } from './documents.ts';
import { IndexNames } from './index-names.ts';
import { buildIndexSettings } from './index-settings.ts';
import { buildSearchParams, queryWithStems, toSearchResult } from './query.ts';
import type { MeilisearchEngineOptions } from './options.ts';
import { withRetry, type EngineLogger } from './resilience.ts';
import { waitForSuccess } from './tasks.ts';

export type { MeilisearchEngineOptions };

/** Locales whose index is configured even before any document of theirs arrives. */
const DEFAULT_LOCALES = ['en', 'ru'];
/** Settings used for an index created before `configure` was ever called (attributes, typos, language). */
const NO_WORD_LISTS: SearchSettings = { synonyms: {}, stopWords: {} };

/** `SearchEngine` on a Meilisearch server. */
export class MeilisearchEngine implements SearchEngine {
  readonly name = 'Meilisearch';
  readonly #client: Meilisearch;
  readonly #names: IndexNames;
  readonly #logger: EngineLogger | undefined;
  readonly #batchSize: number;
  readonly #taskTimeoutMs: number;
  readonly #retryAttempts: number;
  readonly #retryDelayMs: number;
  #settings: SearchSettings = NO_WORD_LISTS;
  /** Locales whose live index has received the current settings from this process. */
  readonly #configured = new Set<string>();
  readonly #knownLocales = new Set(DEFAULT_LOCALES);

  constructor(options: MeilisearchEngineOptions) {
    this.#client =
      options.client ?? new Meilisearch({ host: options.url, apiKey: options.apiKey, timeout: options.requestTimeoutMs ?? 10_000 });
    this.#names = new IndexNames(options.indexPrefix ?? 'deflect');
    this.#logger = options.logger;
    this.#batchSize = options.batchSize ?? 500;
    if (!Number.isInteger(this.#batchSize) || this.#batchSize < 1) throw new RangeError(`batchSize must be a positive integer`);
    this.#taskTimeoutMs = options.taskTimeoutMs ?? 60_000;
    this.#retryAttempts = options.retryAttempts ?? 3;
    this.#retryDelayMs = options.retryDelayMs ?? 200;
  }

  async configure(settings: SearchSettings): Promise<void> {
    this.#settings = settings;
    this.#configured.clear();
    // Locales seen by an earlier process only exist as indexes on the server.
    for (const locale of await this.#liveLocales()) this.#knownLocales.add(locale);
    await this.#applySettings([...this.#knownLocales].map((locale) => [this.#names.live(locale), locale]));
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    const groups = groupByLocale(documents.map(toIndexedDocument));
    for (const locale of groups.keys()) this.#knownLocales.add(locale);
    // Settings before documents, so that a new locale's index is created configured and indexed only once.
    await this.#applySettings([...groups.keys()].filter((l) => !this.#configured.has(l)).map((l) => [this.#names.live(l), l]));
    const tasks: EnqueuedTask[] = [];
    for (const [locale, group] of groups) tasks.push(...(await this.#addDocuments(this.#names.live(locale), group)));
    await this.#wait(tasks);
  }

  async remove(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    const tasks: EnqueuedTask[] = [];
    // Only existing indexes: deleting from a missing one would be a failed task, not a no-op.
    for (const locale of await this.#liveLocales()) {
      const uid = this.#names.live(locale);
      for (const batch of chunk(ids, this.#batchSize)) {
        tasks.push(await this.#retry(`delete documents from ${uid}`, () => this.#client.index(uid).deleteDocuments(batch)));
      }
    }
    await this.#wait(tasks);
  }

  /**
   * Builds every locale in a `<live>_tmp` index, then swaps all of them in one task and deletes the old
   * content: searches keep being answered from the previous index during the whole rebuild.
   */
  async replaceAll(documents: SearchDocument[]): Promise<void> {
    const groups = groupByLocale(documents.map(toIndexedDocument));
    const existing = await this.#indexUids();
    const liveLocales = [...existing].map((uid) => this.#names.localeOf(uid)).filter((l): l is string => l !== undefined);
    // A locale that no longer has documents is swapped with an empty index, i.e. emptied.
    const locales = [...new Set([...groups.keys(), ...liveLocales])];
    await this.#deleteIndexes(locales.map((l) => this.#names.tmp(l)).filter((uid) => existing.has(uid)));
    // A swap needs both sides: a locale new to the server first gets an empty, configured live index.
    const missingLive = locales.filter((l) => !existing.has(this.#names.live(l)));
    await this.#applySettings([
      ...locales.map((l): [string, string] => [this.#names.tmp(l), l]),
      ...missingLive.map((l): [string, string] => [this.#names.live(l), l]),
    ]);
    const tasks: EnqueuedTask[] = [];
    for (const locale of locales) tasks.push(...(await this.#addDocuments(this.#names.tmp(locale), groups.get(locale) ?? [])));
    await this.#wait(tasks);
    const swaps = locales.map((l) => ({ indexes: [this.#names.live(l), this.#names.tmp(l)] as [string, string], rename: false }));
    // Never retried: a swap that reached the server and is sent again would swap the old content back.
    await this.#wait([await this.#retry('swap indexes', () => this.#client.swapIndexes(swaps), 1)]);
    // After the swap the `_tmp` indexes hold the previous content.
    await this.#deleteIndexes(locales.map((l) => this.#names.tmp(l)));
    for (const locale of locales) {
      this.#knownLocales.add(locale);
      this.#configured.add(locale); // the swapped-in index carries the current settings
    }
    this.#logger?.info({ documents: documents.length, locales }, 'Meilisearch indexes rebuilt and swapped');
  }

  async search(query: SearchQuery): Promise<SearchResult> {
    const q = queryWithStems(query.q, query.locale);
    if (q === '') return { hits: [], total: 0 };
    const uid = this.#names.live(query.locale);
    try {
      const index = this.#client.index<IndexedDocument>(uid);
      return toSearchResult(await this.#retry(`search ${uid}`, () => index.search(q, buildSearchParams(query))));
    } catch (error) {
      // No document of that locale was ever indexed: nothing matches, which is not an error.
      if (error instanceof MeilisearchApiError && error.cause?.code === 'index_not_found') return { hits: [], total: 0 };
      throw error;
    }
  }

  async isHealthy(): Promise<boolean> {
    try {
      return await this.#client.isHealthy();
    } catch {
      return false;
    }
  }

  /** Nothing to release: the client is stateless HTTP. */
  async close(): Promise<void> {}

  /** One settings task per index, all awaited; marks live indexes as configured. */
  async #applySettings(targets: Array<[uid: string, locale: string]>): Promise<void> {
    if (targets.length === 0) return;
    const tasks = await Promise.all(
      targets.map(([uid, locale]) =>
        this.#retry(`update settings of ${uid}`, () => this.#client.index(uid).updateSettings(buildIndexSettings(locale, this.#settings))),
      ),
    );
    await this.#wait(tasks);
    for (const [uid, locale] of targets) if (uid === this.#names.live(locale)) this.#configured.add(locale);
    this.#logger?.info({ indexes: targets.map(([uid]) => uid) }, 'Meilisearch settings applied');
  }

  /** Enqueues documents in batches of `batchSize`, in order (a later version of a document must win). */
  async #addDocuments(uid: string, documents: IndexedDocument[]): Promise<EnqueuedTask[]> {
    const index = this.#client.index<IndexedDocument>(uid);
    const tasks: EnqueuedTask[] = [];
    for (const batch of chunk(documents, this.#batchSize)) {
      tasks.push(await this.#retry(`add documents to ${uid}`, () => index.addDocuments(batch, { primaryKey: 'id' })));
    }
    return tasks;
  }

  async #deleteIndexes(uids: string[]): Promise<void> {
    await this.#wait(await Promise.all(uids.map((uid) => this.#retry(`delete ${uid}`, () => this.#client.deleteIndex(uid)))));
  }

  /** Locales of this installation's live indexes that exist on the server. */
  async #liveLocales(): Promise<string[]> {
    return [...(await this.#indexUids())].map((uid) => this.#names.localeOf(uid)).filter((l): l is string => l !== undefined);
  }

  async #indexUids(): Promise<Set<string>> {
    const { results } = await this.#retry('list indexes', () => this.#client.getRawIndexes({ limit: 1000 }));
    return new Set(results.map((index) => index.uid));
  }

  #wait(tasks: EnqueuedTask[]): Promise<unknown> {
    return this.#retry('wait for tasks', () => waitForSuccess(this.#client, tasks, this.#taskTimeoutMs));
  }

  #retry<T>(operation: string, request: () => Promise<T>, attempts = this.#retryAttempts): Promise<T> {
    return withRetry(request, { operation, attempts, baseDelayMs: this.#retryDelayMs, logger: this.#logger });
  }
}
