import { Op } from 'sequelize';
import { articleUrl } from '../core/articles/presenters.ts';
import { markdownToPlainText } from '../core/articles/render/plain-text.ts';
import { Article, Collection } from '../core/models/index.ts';
import type { SearchDocument } from './engine.ts';

/**
 * Published articles as search documents: all of them, or only the given ids (those that are not
 * published any more are simply absent, so the caller removes them from the index).
 */
export async function loadSearchDocuments(ids?: number[]): Promise<SearchDocument[]> {
  const articles = await Article.findAll({
    attributes: ['id', 'locale', 'slug', 'title', 'description', 'body', 'toc', 'tags'],
    where: { status: 'published', ...(ids ? { id: { [Op.in]: ids } } : {}) },
    include: [{ model: Collection, as: 'collection', attributes: ['slug', 'title'] }],
    order: [['id', 'ASC']],
  });
  return articles.map((article) => ({
    id: article.id,
    locale: article.locale,
    collectionSlug: article.collection!.slug,
    collectionTitle: article.collection!.title,
    title: article.title,
    headings: article.toc.map((entry) => entry.text),
    tags: article.tags,
    description: article.description,
    body: markdownToPlainText(article.body),
    url: articleUrl(article.locale, article.collection!.slug, article.slug),
  }));
}
