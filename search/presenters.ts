import type { SearchHit, SearchResult } from './engine.ts';

/** A hit as the search box and other clients receive it (no engine scores or internal ids). */
export interface SearchHitView {
  id: number;
  url: string;
  titleHtml: string;
  snippetHtml: string;
  collectionTitle: string;
}

export function presentSearchHit({ id, url, titleHtml, snippetHtml, collectionTitle }: SearchHit): SearchHitView {
  return { id, url, titleHtml, snippetHtml, collectionTitle };
}

/** The body of `GET /api/search`. */
export function presentSearchResult(query: string, result: SearchResult): { query: string; total: number; hits: SearchHitView[] } {
  return { query, total: result.total, hits: result.hits.map(presentSearchHit) };
}
