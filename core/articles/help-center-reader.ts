import { fn, col, Op } from 'sequelize';
import type { EventBus } from '../events.ts';
import { Article, Author, Collection } from '../models/index.ts';
import { findPublishedArticle, findPublishedArticleBySlug } from './published-article.ts';
import {
  articleUrl,
  collectionUrl,
  presentArticle,
  presentArticleSummary,
  presentCollection,
  type ArticleSummaryView,
  type ArticleView,
  type CollectionView,
} from './presenters.ts';

/** A link to the same page in another locale. */
export interface Alternate {
  locale: string;
  url: string;
}

export interface HomeData {
  collections: CollectionView[];
  popular: ArticleSummaryView[];
}

export interface CollectionPageData {
  collection: CollectionView;
  articles: ArticleSummaryView[];
  alternates: Alternate[];
}

export interface ArticlePageData {
  article: ArticleView;
  collection: CollectionView;
  related: ArticleSummaryView[];
  alternates: Alternate[];
}

export interface SitemapEntry {
  url: string;
  updatedAt: string;
  alternates: Alternate[];
}

/**
 * What customers read: published content only, as plain views. Results are memoised per key and dropped
 * whenever content changes, so a page costs no query once warm and is never stale after a publish.
 */
export class HelpCenterReader {
  readonly #cache = new Map<string, Promise<unknown>>();

  constructor(events: EventBus) {
    events.on('content.changed', () => this.#cache.clear());
  }

  home(locale: string): Promise<HomeData> {
    return this.#memo(`home:${locale}`, async () => {
      const counts = await Article.findAll({
        attributes: ['collectionId', [fn('COUNT', col('id')), 'count']],
        where: { locale, status: 'published' },
        group: ['collectionId'],
        raw: true,
      });
      const countById = new Map(counts.map((row) => [row.collectionId, Number((row as unknown as { count: string }).count)]));
      const collections = await Collection.findAll({ where: { locale }, order: [['position', 'ASC'], ['title', 'ASC']] });
      const popular = await Article.findAll({
        where: { locale, status: 'published' },
        include: [{ model: Collection, as: 'collection', attributes: ['slug'] }],
        order: [['viewCount', 'DESC'], ['position', 'ASC'], ['id', 'ASC']],
        limit: 6,
      });
      return {
        collections: collections.filter((c) => countById.has(c.id)).map((c) => presentCollection(c, countById.get(c.id))),
        popular: popular.map((a) => presentArticleSummary(a, a.collection!.slug)),
      };
    });
  }

  collection(locale: string, slug: string): Promise<CollectionPageData | undefined> {
    return this.#memo(`collection:${locale}:${slug}`, async () => {
      const collection = await Collection.findOne({ where: { locale, slug } });
      if (!collection) return undefined;
      const articles = await Article.findAll({
        where: { collectionId: collection.id, status: 'published' },
        order: [['position', 'ASC'], ['title', 'ASC']],
      });
      if (articles.length === 0) return undefined;
      const siblings = await Collection.findAll({ where: { translationKey: collection.translationKey, locale: { [Op.ne]: locale } } });
      return {
        collection: presentCollection(collection, articles.length),
        articles: articles.map((a) => presentArticleSummary(a, collection.slug)),
        alternates: siblings.map((c) => ({ locale: c.locale, url: collectionUrl(c.locale, c.slug) })),
      };
    });
  }

  article(locale: string, collectionSlug: string, slug: string): Promise<ArticlePageData | undefined> {
    return this.#memo(`article:${locale}:${collectionSlug}:${slug}`, async () => {
      const article = await Article.findOne({
        where: { locale, slug, status: 'published' },
        include: [
          { model: Collection, as: 'collection', where: { slug: collectionSlug } },
          { model: Author, as: 'author' },
        ],
      });
      if (!article?.collection) return undefined;
      const related = await Article.findAll({
        where: { collectionId: article.collectionId, status: 'published', id: { [Op.ne]: article.id } },
        order: [['position', 'ASC'], ['title', 'ASC']],
        limit: 5,
      });
      return {
        article: presentArticle(article, article.collection),
        collection: presentCollection(article.collection),
        related: related.map((a) => presentArticleSummary(a, article.collection!.slug)),
        alternates: await this.#articleAlternates(article.translationKey, locale),
      };
    });
  }

  /** A published article by id (the chat widget's reader opens article cards this way). */
  articleById(id: number): Promise<ArticleView | undefined> {
    return this.#memo(`article-id:${id}`, () => findPublishedArticle(id));
  }

  /** A published article by its slug in a locale (the widget's `openArticle` accepts slugs). */
  articleBySlug(locale: string, slug: string): Promise<ArticleView | undefined> {
    return this.#memo(`article-slug:${locale}:${slug}`, () => findPublishedArticleBySlug(locale, slug));
  }

  /** Every published article with its translations, for sitemap.xml. */
  sitemap(): Promise<SitemapEntry[]> {
    return this.#memo('sitemap', async () => {
      const articles = await Article.findAll({
        attributes: ['id', 'locale', 'slug', 'translationKey', 'updatedAt'],
        where: { status: 'published' },
        include: [{ model: Collection, as: 'collection', attributes: ['slug'] }],
        order: [['id', 'ASC']],
      });
      const byKey = Map.groupBy(articles, (a) => a.translationKey);
      return articles.map((a) => ({
        url: articleUrl(a.locale, a.collection!.slug, a.slug),
        updatedAt: a.updatedAt.toISOString(),
        alternates: (byKey.get(a.translationKey) ?? []).map((t) => ({ locale: t.locale, url: articleUrl(t.locale, t.collection!.slug, t.slug) })),
      }));
    });
  }

  async #articleAlternates(translationKey: string, locale: string): Promise<Alternate[]> {
    const translations = await Article.findAll({
      attributes: ['locale', 'slug'],
      where: { translationKey, status: 'published', locale: { [Op.ne]: locale } },
      include: [{ model: Collection, as: 'collection', attributes: ['slug'] }],
    });
    return translations.map((t) => ({ locale: t.locale, url: articleUrl(t.locale, t.collection!.slug, t.slug) }));
  }

  #memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    let entry = this.#cache.get(key) as Promise<T> | undefined;
    if (!entry) {
      entry = load();
      this.#cache.set(key, entry);
      // Neither a failed load (database down) nor a miss (a mistyped URL) is remembered: the cache holds
      // only pages that exist, so probing random URLs cannot grow it.
      entry.then(
        (value) => value === undefined && this.#cache.delete(key),
        () => this.#cache.delete(key),
      );
    }
    return entry;
  }
}
