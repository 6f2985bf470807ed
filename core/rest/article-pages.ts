import { Op, type WhereOptions } from 'sequelize';
import { Article, Collection } from '../models/index.ts';
import { presentRestArticle, type RestArticle, type RestArticleWithBody } from './rest-views.ts';

export interface ArticlePageQuery {
  locale?: string | undefined;
  collectionId?: number | undefined;
  status?: 'draft' | 'published' | undefined;
  limit: number;
  /** Continue after this article id (from the previous page's `nextCursor`). */
  afterId?: number | undefined;
}

/** A page of articles in id order. Keyset paging: a page never repeats or skips rows when others are added. */
export async function listArticlePage(query: ArticlePageQuery): Promise<{ data: RestArticle[]; nextCursor: string | null }> {
  const where: WhereOptions<Article> = {
    ...(query.locale ? { locale: query.locale } : {}),
    ...(query.collectionId ? { collectionId: query.collectionId } : {}),
    ...(query.status ? { status: query.status } : {}),
    ...(query.afterId ? { id: { [Op.gt]: query.afterId } } : {}),
  };
  // One row more than asked tells whether there is a next page without counting the table.
  const rows = await Article.findAll({ where, include: [{ model: Collection, as: 'collection', attributes: ['slug'] }], attributes: { exclude: ['body', 'html', 'toc'] }, order: [['id', 'ASC']], limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return { data: page.map(presentRestArticle), nextCursor: rows.length > query.limit ? String(page.at(-1)!.id) : null };
}

/** One article with its markdown, or undefined. */
export async function findRestArticle(id: number): Promise<RestArticleWithBody | undefined> {
  const article = await Article.findByPk(id, { include: [{ model: Collection, as: 'collection', attributes: ['slug'] }] });
  return article ? { ...presentRestArticle(article), body: article.body } : undefined;
}
