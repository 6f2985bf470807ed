import type { Meilisearch } from 'meilisearch';
import type { EngineLogger } from './resilience.ts';

/** Construction options of `MeilisearchEngine`; only `url` is required. */
export interface MeilisearchEngineOptions {
  /** Base URL of the server, e.g. `http://localhost:7700` (MEILISEARCH_URL). */
  url: string;
  /** A key allowed to manage indexes, documents, settings and tasks (MEILISEARCH_KEY). */
  apiKey?: string | undefined;
  /** Prefix of every index uid, so several installations can share a server. Default `deflect`. */
  indexPrefix?: string | undefined;
  logger?: EngineLogger | undefined;
  /** Documents per addDocuments/deleteDocuments request (one task each). Default 500. */
  batchSize?: number | undefined;
  /** A ready client (tests, custom transport); `url`/`apiKey` are then ignored. */
  client?: Meilisearch | undefined;
  /** How long to wait for one task to be processed. Default 60 s: a large batch can take a while. */
  taskTimeoutMs?: number | undefined;
  /** Per-request timeout, so a hung server fails (and is retried) instead of hanging a page. Default 10 s. */
  requestTimeoutMs?: number | undefined;
  /** Attempts per request on connection errors, the first included. Default 3. */
  retryAttempts?: number | undefined;
  /** First backoff delay, doubled on each retry. Default 200 ms. */
  retryDelayMs?: number | undefined;
}
