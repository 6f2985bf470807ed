import type { Core } from '../core/app.ts';
import type { ArticleCard } from '../core/chat/index.ts';
import { ChatRefusedError } from '../core/chat/index.ts';
import type { SearchService } from '../search/search-service.ts';

/** An article an operator can send as a card: the card's fields, plus its collection to tell similar titles apart. */
export type ArticleChoice = ArticleCard & { collectionTitle: string };

const RESULTS = 8;

/**
 * The help center's own search (same engine, ranking and typo tolerance as the site's search box), in the
 * locale asked for or the site's default, limited to what is published now.
 */
export async function searchArticlesForCards(core: Core, search: SearchService, input: { query: string; locale?: string | undefined }): Promise<ArticleChoice[]> {
  const site = await core.settings.get();
  const locale = input.locale ?? site.defaultLocale;
  if (!site.locales.some((l) => l.code === locale)) throw new ChatRefusedError('invalid', `locale: the help center has no "${locale}" articles.`);
  const { hits } = await search.search({ q: input.query, locale, limit: RESULTS, offset: 0 });
  // The index follows publishing closely but not in the same transaction: ask the database, not the index, what is published.
  const articles = await Promise.all(hits.map((hit) => core.helpCenter.articleById(hit.id)));
  return hits.flatMap((hit, i) => {
    const article = articles[i];
    return article ? [{ articleId: article.id, title: article.title, description: article.description, url: article.url, locale: article.locale, collectionTitle: hit.collectionTitle }] : [];
  });
}
