import type { SearchResult } from '../../../search/engine.ts';

/** What the results page found for its query. */
export type SearchOutcome = { kind: 'empty-query' } | { kind: 'unavailable' } | { kind: 'results'; result: SearchResult };

/** `/{locale}/search?q=…&page=…`, without `page` for the first page (one URL per page of results). */
export function resultsPageUrl(locale: string, q: string, page = 1): string {
  const params = new URLSearchParams({ q });
  if (page > 1) params.set('page', String(page));
  return `/${locale}/search?${params}`;
}

/** Page numbers to link: up to `width` consecutive pages around the current one, within 1…last. */
export function pageWindow(current: number, last: number, width = 7): number[] {
  const start = Math.max(1, Math.min(current - Math.floor(width / 2), last - width + 1));
  const end = Math.min(last, start + width - 1);
  return Array.from({ length: Math.max(0, end - start + 1) }, (_, i) => start + i);
}
