/** `GET /api/articles/:idOrSlug/content`: a published article as the widget's reader shows it. */
export interface ArticleContent {
  id: number;
  title: string;
  url: string;
  locale: string;
  html: string;
}

/** Fetches an article by id, or by slug in `locale`; rejects when it is not (or no longer) published. */
export async function loadArticleContent(reference: number | string, locale: string): Promise<ArticleContent> {
  const response = await fetch(`/api/articles/${encodeURIComponent(String(reference))}/content?locale=${encodeURIComponent(locale)}`);
  if (!response.ok) throw new Error(`article ${String(reference)}: ${response.status}`);
  return (await response.json()) as ArticleContent;
}
