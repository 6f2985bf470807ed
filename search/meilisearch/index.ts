/** The Meilisearch adapter of the search port; see meilisearch-engine.ts for the design decisions. */
export { MeilisearchEngine } from './meilisearch-engine.ts';
export type { MeilisearchEngineOptions } from './options.ts';
export { MeilisearchTaskError } from './tasks.ts';
export type { EngineLogger } from './resilience.ts';
