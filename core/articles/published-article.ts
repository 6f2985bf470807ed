import { Article, Author, Collection } from '../models/index.ts';
import { presentArticle, type ArticleView } from './presenters.ts';

/**
 * One article by id, only while it is published — what customers may read (drafts and unpublished
 * articles are `undefined`, as unknown ids are). Its HTML is the stored rendering the site shows.
 */
export async function findPublishedArticle(id: number): Promise<ArticleView | undefined> {
  return findOnePublished({ id });
}

/** The same by its slug, unique within a locale (`Deflect('openArticle', 'refunds')` names articles this way). */
export async function findPublishedArticleBySlug(locale: string, slug: string): Promise<ArticleView | undefined> {
  return findOnePublished({ locale, slug });
}

async function findOnePublished(where: { id: number } | { locale: string; slug: string }): Promise<ArticleView | undefined> {
  const article = await Article.findOne({
    where: { ...where, status: 'published' },
    include: [
      { model: Collection, as: 'collection' },
      { model: Author, as: 'author' },
    ],
  });
  return article?.collection ? presentArticle(article, article.collection) : undefined;
}
