/**
 * The search port. Everything outside search/ talks to this interface only; which engine runs (embedded
 * in-process, or Meilisearch when MEILISEARCH_URL is set) is decided in search/create-engine.ts.
 */

/** One published article as the engines index it. */
export interface SearchDocument {
  /** Article id (stable across re-indexing). */
  id: number;
  locale: string;
  collectionSlug: string;
  collectionTitle: string;
  title: string;
  /** h2/h3 texts, in order. */
  headings: string[];
  tags: string[];
  description: string;
  /** Plain text of the body, no markup. */
  body: string;
  url: string;
}

export interface SearchQuery {
  /** What the visitor typed; the last word is matched as a prefix (search as you type). */
  q: string;
  locale: string;
  /** Restrict to one collection (slug). */
  collection?: string;
  limit: number;
  offset: number;
}

export interface SearchHit {
  id: number;
  url: string;
  collectionSlug: string;
  collectionTitle: string;
  /** Title with matches wrapped in `<mark>`; every other character HTML-escaped. */
  titleHtml: string;
  /** A cropped window of the body (or description) around the matches, escaped, matches in `<mark>`. */
  snippetHtml: string;
  /** Engine-specific relevance; only the order of hits is meaningful. */
  score: number;
}

export interface SearchResult {
  hits: SearchHit[];
  /** Total number of matching documents (for paging). */
  total: number;
}

/** Words treated as the same when searching, per locale: each group is a set of equivalents. */
export interface SearchSettings {
  synonyms: Record<string, string[][]>;
  stopWords: Record<string, string[]>;
}

export interface SearchEngine {
  /** Human-readable engine name for logs ("embedded (MiniSearch)", "Meilisearch"). */
  readonly name: string;
  /** Applies settings (idempotent). */
  configure(settings: SearchSettings): Promise<void>;
  /** Adds or replaces documents by id. */
  upsert(documents: SearchDocument[]): Promise<void>;
  /** Removes documents by id; unknown ids are ignored. */
  remove(ids: number[]): Promise<void>;
  /** Replaces the whole index with these documents. */
  replaceAll(documents: SearchDocument[]): Promise<void>;
  search(query: SearchQuery): Promise<SearchResult>;
  /** True when the engine can answer now. */
  isHealthy(): Promise<boolean>;
  close(): Promise<void>;
}

/** Thrown when the engine cannot answer (server down); the HTTP layer turns it into a friendly error state. */
export class SearchUnavailableError extends Error {
  override name = 'SearchUnavailableError';
}
