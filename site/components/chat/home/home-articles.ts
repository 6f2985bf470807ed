/** An article as the widget home lists it (`GET /api/widget/home`). */
export interface HomeArticle {
  id: number;
  title: string;
  description: string;
  url: string;
}

export interface HomeArticles {
  popular: HomeArticle[];
  suggestions: HomeArticle[];
}

const NOTHING: HomeArticles = { popular: [], suggestions: [] };

/**
 * The home's lists for the page the visitor is on. The answer is the same for everyone on that page and
 * the browser keeps it a minute. A failure leaves the lists empty: search and the chat still work.
 */
export async function loadHomeArticles(locale: string, path: string): Promise<HomeArticles> {
  try {
    const response = await fetch(`/api/widget/home?${new URLSearchParams({ locale, path })}`);
    if (!response.ok) return NOTHING;
    const body = (await response.json()) as Partial<HomeArticles>;
    return { popular: body.popular ?? [], suggestions: body.suggestions ?? [] };
  } catch {
    return NOTHING;
  }
}

/**
 * "Suggested for this page" is worth its own heading only when it says something the popular list does
 * not (away from articles and collections the suggestions *are* the popular articles).
 */
export function suggestionsWorthShowing({ popular, suggestions }: HomeArticles): HomeArticle[] {
  const popularIds = new Set(popular.map((article) => article.id));
  return suggestions.some((article) => !popularIds.has(article.id)) ? suggestions : [];
}
