import { literal, Op, type Order, type WhereOptions } from 'sequelize';
import { z } from 'zod';
import { Article, Author, Collection, Locale } from '../models/index.ts';
import { articleUrl } from './presenters.ts';
import { reactionCounts, type ReactionCounts } from './reactions.ts';

/** Filters of the admin article list (query string of /admin/articles). */
export const articleListQuerySchema = z.object({
  status: z.enum(['draft', 'published']).optional().catch(undefined),
  locale: z.string().regex(/^[a-z]{2}$/).optional().catch(undefined),
  collection: z.string().max(200).optional().catch(undefined),
  author: z.coerce.number().int().positive().optional().catch(undefined),
  q: z.string().trim().max(200).optional().catch(undefined),
  sort: z.enum(['updated', 'views', 'title', 'rating']).catch('updated'),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});
export type ArticleListQuery = z.infer<typeof articleListQuerySchema>;

export interface AdminArticleRow {
  id: number;
  title: string;
  locale: string;
  collectionTitle: string;
  author: string | null;
  status: 'draft' | 'published';
  views: number;
  updatedAt: string;
  /** File-managed articles come from the articles folder; app-managed ones were changed in the admin. */
  managedBy: 'file' | 'app';
  url: string;
  /** Languages of the site this article has no translation in. */
  missingTranslations: string[];
  reactions: ReactionCounts;
}

const SORTS: Record<ArticleListQuery['sort'], Order> = {
  updated: [['updatedAt', 'DESC']],
  views: [['viewCount', 'DESC']],
  title: [['title', 'ASC']],
  // Lowest rated first (the articles that disappoint customers); articles nobody rated come last.
  rating: [[literal('(SELECT avg(value) FROM article_reactions r WHERE r.article_id = "Article".id)'), 'ASC NULLS LAST']],
};
export const ARTICLES_PAGE_SIZE = 25;

/** Articles for staff: every status, filtered, sorted and paginated (25 a page). */
export async function listArticlesForAdmin(query: ArticleListQuery): Promise<{ rows: AdminArticleRow[]; total: number }> {
  const where: WhereOptions<Article> = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.locale ? { locale: query.locale } : {}),
    ...(query.author ? { authorId: query.author } : {}),
    ...(query.q ? { title: { [Op.iLike]: `%${query.q.replace(/[%_\\]/g, '\\$&')}%` } } : {}),
  };
  const { rows, count } = await Article.findAndCountAll({
    attributes: ['id', 'title', 'locale', 'slug', 'status', 'viewCount', 'updatedAt', 'sourceKind', 'translationKey'],
    where,
    include: [
      { model: Collection, as: 'collection', attributes: ['slug', 'title'], ...(query.collection ? { where: { slug: query.collection } } : {}) },
      { model: Author, as: 'author', attributes: ['name'] },
    ],
    order: [...(SORTS[query.sort] as []), ['id', 'ASC']],
    limit: ARTICLES_PAGE_SIZE,
    offset: (query.page - 1) * ARTICLES_PAGE_SIZE,
  });
  const [locales, translations, reactions] = await Promise.all([
    Locale.findAll({ attributes: ['code'], order: [['position', 'ASC']] }),
    Article.findAll({ attributes: ['translationKey', 'locale'], where: { translationKey: { [Op.in]: [...new Set(rows.map((a) => a.translationKey))] } } }),
    reactionCounts(Article.sequelize!, rows.map((a) => a.id)),
  ]);
  const localesByKey = new Map<string, Set<string>>();
  for (const t of translations) localesByKey.set(t.translationKey, (localesByKey.get(t.translationKey) ?? new Set()).add(t.locale));
  return {
    total: count,
    rows: rows.map((a) => ({
      id: a.id,
      title: a.title,
      locale: a.locale,
      collectionTitle: a.collection!.title,
      author: a.author?.name ?? null,
      status: a.status,
      views: a.viewCount,
      updatedAt: a.updatedAt.toISOString(),
      managedBy: a.sourceKind,
      url: articleUrl(a.locale, a.collection!.slug, a.slug),
      missingTranslations: locales.map((l) => l.code).filter((code) => !localesByKey.get(a.translationKey)?.has(code)),
      reactions: reactions.get(a.id)!,
    })),
  };
}

/** Choices for the list's collection and author filters. */
export async function articleFilterOptions(): Promise<{ collections: Array<{ slug: string; title: string }>; authors: Array<{ id: number; name: string }> }> {
  const [collections, authors] = await Promise.all([
    Collection.findAll({ attributes: ['slug', 'title', 'locale'], order: [['locale', 'ASC'], ['position', 'ASC'], ['title', 'ASC']] }),
    Author.findAll({ attributes: ['id', 'name'], order: [['name', 'ASC']] }),
  ]);
  // One entry per slug: the same collection in several languages is one filter choice.
  const bySlug = new Map(collections.map((c) => [c.slug, { slug: c.slug, title: c.title }]));
  return { collections: [...bySlug.values()], authors: authors.map((a) => ({ id: a.id, name: a.name })) };
}
