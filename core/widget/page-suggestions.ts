import type { ArticleSummaryView } from '../articles/presenters.ts';

/** What the widget may suggest on a page, gathered by widget-home.ts. */
export interface SuggestionSources {
  /** The article the visitor is reading, never suggested to them again. */
  currentArticleId?: number | undefined;
  /** On an article page: the articles it links to, in the order they appear. */
  linked?: ArticleSummaryView[];
  /** On an article page: the other articles of its collection; on a collection page: its articles. */
  collection?: ArticleSummaryView[];
  /** The locale's most viewed articles: the fallback everywhere else. */
  popular: ArticleSummaryView[];
}

export const PAGE_SUGGESTION_LIMIT = 5;

/**
 * Picks the widget's "Suggested for this page": what the page links to first (the author chose those), then
 * its collection; popular articles only where the page gives nothing (the home, search, a host site's page).
 * No article twice, never the one being read, at most `limit`.
 */
export function choosePageSuggestions(sources: SuggestionSources, limit = PAGE_SUGGESTION_LIMIT): ArticleSummaryView[] {
  const fromPage = [...(sources.linked ?? []), ...(sources.collection ?? [])];
  const candidates = fromPage.length > 0 ? fromPage : sources.popular;
  const chosen = new Map<number, ArticleSummaryView>();
  for (const article of candidates) {
    if (chosen.size >= limit) break;
    if (article.id !== sources.currentArticleId && !chosen.has(article.id)) chosen.set(article.id, article);
  }
  return [...chosen.values()];
}
