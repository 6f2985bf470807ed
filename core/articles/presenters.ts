import type { Article, Author, Collection, TocEntry } from '../models/index.ts';

/** Plain shapes handed to pages: never a model. */
export interface AuthorView {
  name: string;
  avatarUrl: string | null;
}

export interface CollectionView {
  id: number;
  locale: string;
  slug: string;
  title: string;
  description: string;
  icon: string;
  url: string;
  articleCount?: number;
}

export interface ArticleSummaryView {
  id: number;
  title: string;
  description: string;
  url: string;
}

export interface ArticleView extends ArticleSummaryView {
  locale: string;
  slug: string;
  html: string;
  toc: TocEntry[];
  tags: string[];
  updatedAt: string;
  publishedAt: string | null;
  author: AuthorView | null;
}

export function collectionUrl(locale: string, slug: string): string {
  return `/${locale}/${encodeURIComponent(slug)}`;
}

export function articleUrl(locale: string, collectionSlug: string, slug: string): string {
  return `${collectionUrl(locale, collectionSlug)}/${encodeURIComponent(slug)}`;
}

export function presentAuthor(author: Author): AuthorView {
  return { name: author.name, avatarUrl: author.avatarUrl };
}

export function presentCollection(collection: Collection, articleCount?: number): CollectionView {
  return {
    id: collection.id,
    locale: collection.locale,
    slug: collection.slug,
    title: collection.title,
    description: collection.description,
    icon: collection.icon,
    url: collectionUrl(collection.locale, collection.slug),
    ...(articleCount === undefined ? {} : { articleCount }),
  };
}

export function presentArticleSummary(article: Article, collectionSlug: string): ArticleSummaryView {
  return { id: article.id, title: article.title, description: article.description, url: articleUrl(article.locale, collectionSlug, article.slug) };
}

export function presentArticle(article: Article, collection: Collection): ArticleView {
  return {
    ...presentArticleSummary(article, collection.slug),
    locale: article.locale,
    slug: article.slug,
    html: article.html,
    toc: article.toc,
    tags: article.tags,
    updatedAt: article.updatedAt.toISOString(),
    publishedAt: article.publishedAt?.toISOString() ?? null,
    author: article.author ? presentAuthor(article.author) : null,
  };
}
