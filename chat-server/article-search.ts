import type { Core } from '../core/app.ts';
import type { ArticleCard } from '../core/chat/index.ts';
import type { SearchService } from '../search/search-service.ts';

/** An article an operator can send as a card: the card's fields, plus its collection to tell similar titles apart. */
export type ArticleChoice = ArticleCard & { collectionTitle: string };

const RESULTS = 8;

/**
 * The help center's own search (same engine, ranking and typo tolerance as the site's search box), limited
 * to what is published now. The inbox asks in the visitor's language; one the help center is not written in
 * (a German visitor on an English and Russian site) searches the default language, and the answer says which.
 */
export async function searchArticlesForCards(core: Core, search: SearchService, input: { query: string; locale?: string | undefined }): Promise<{ locale: string; articles: ArticleChoice[] }> {
  const site = await core.settings.get();
  const asked = input.locale?.toLowerCase();
  const locale = site.locales.find((l) => l.code === asked || l.code === asked?.split('-')[0])?.code ?? site.defaultLocale;
  const { hits } = await search.search({ q: input.query, locale, limit: RESULTS, offset: 0 });
  // The index follows publishing closely but not in the same transaction: ask the database, not the index, what is published.
  const articles = await Promise.all(hits.map((hit) => core.helpCenter.articleById(hit.id)));
  const choices = hits.flatMap((hit, i) => {
    const article = articles[i];
    return article ? [{ articleId: article.id, title: article.title, description: article.description, url: article.url, locale: article.locale, collectionTitle: hit.collectionTitle }] : [];
  });
  return { locale, articles: choices };
}
