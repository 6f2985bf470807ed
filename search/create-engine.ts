import type { Config } from '../core/config.ts';
import type { Logger } from '../core/logger.ts';
import { EmbeddedEngine } from './embedded/embedded-engine.ts';
import type { SearchEngine } from './engine.ts';
import { MeilisearchEngine } from './meilisearch/meilisearch-engine.ts';

/** The one place that knows which engine runs: Meilisearch when MEILISEARCH_URL is set, else embedded. */
export function createEngine(config: Config, logger: Logger): { engine: SearchEngine; shared: boolean } {
  if (!config.MEILISEARCH_URL) return { engine: new EmbeddedEngine(), shared: false };
  return {
    engine: new MeilisearchEngine({ url: config.MEILISEARCH_URL, apiKey: config.MEILISEARCH_KEY, indexPrefix: config.MEILISEARCH_INDEX_PREFIX, logger }),
    shared: true,
  };
}
