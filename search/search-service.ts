import type { Core } from '../core/app.ts';
import { createEngine } from './create-engine.ts';
import type { SearchEngine, SearchQuery, SearchResult } from './engine.ts';
import { IndexSync } from './index-sync.ts';
import { contentGaps, type ContentGap, type ContentGapQuery } from './content-gaps.ts';
import searchLogRecorder, { type SettledSearch } from './search-log.ts';
import { defaultSearchSettings } from './settings.ts';

/**
 * Search as the rest of the app sees it: query the engine, record settled searches, list content gaps.
 * Handed to pages and API routes as `locals.search`, like `locals.core`.
 */
export interface SearchService {
  readonly engineName: string;
  search(query: SearchQuery): Promise<SearchResult>;
  recordSettledSearch(entry: SettledSearch): Promise<void>;
  contentGaps(query: ContentGapQuery): Promise<ContentGap[]>;
  /** Resolves when every article change received so far is searchable. */
  idle(): Promise<void>;
  /** Rebuilds the whole index; returns the number of documents. */
  reindexAll(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts search on top of the domain layer: configures the engine, indexes all published articles, and
 * follows article events. An engine that is down at start does not stop the app: pages render, search
 * answers "unavailable", and the next event or restart indexes again.
 */
export async function startSearch(core: Core, engine: SearchEngine = createEngine(core.config, core.logger).engine, shared = Boolean(core.config.MEILISEARCH_URL)): Promise<SearchService> {
  const sync = new IndexSync(engine, core.events, core.logger, shared);
  try {
    await engine.configure(defaultSearchSettings);
    await sync.start();
  } catch (error) {
    core.logger.error({ err: error, engine: engine.name }, 'search engine not ready; search answers "unavailable" until it is');
  }
  return {
    engineName: engine.name,
    search: (query) => engine.search(query),
    recordSettledSearch: (entry) => searchLogRecorder(core.sequelize, entry),
    contentGaps: (query) => contentGaps(core.sequelize, query),
    idle: () => sync.idle(),
    reindexAll: () => sync.reindexAll(),
    async close() {
      sync.stop();
      await engine.close();
    },
  };
}
