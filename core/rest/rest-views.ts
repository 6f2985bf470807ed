import { articleUrl } from '../articles/presenters.ts';
import type { StaffView } from '../accounts/presenters.ts';
import type { CollectionAdminView } from '../collections/collection-list.ts';
import type { Article } from '../models/index.ts';

/** Plain shapes the REST API answers with (documented by the zod schemas in site/api/v1/schemas.ts). */
export interface RestArticle {
  id: number;
  locale: string;
  slug: string;
  title: string;
  description: string;
  tags: string[];
  status: 'draft' | 'published';
  /** What an update must name as `baseVersion`. */
  version: number;
  collectionId: number;
  authorId: number | null;
  /** Where the article is (or will be, once published) on the help center. */
  url: string;
  managedBy: 'file' | 'app';
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
}

export interface RestArticleWithBody extends RestArticle {
  /** The markdown source. */
  body: string;
}

export interface RestCollection {
  id: number;
  locale: string;
  slug: string;
  title: string;
  description: string;
  url: string;
  articleCount: number;
  publishedCount: number;
}

/** A staff member as other programs see them: no email address (personal data the API's uses don't need). */
export interface RestUser {
  id: number;
  name: string;
  roles: string[];
  active: boolean;
}

/** `article` must include its collection (its URL needs the collection's slug). */
export function presentRestArticle(article: Article): RestArticle {
  return {
    id: article.id,
    locale: article.locale,
    slug: article.slug,
    title: article.title,
    description: article.description,
    tags: [...article.tags],
    status: article.status,
    version: article.version,
    collectionId: article.collectionId,
    authorId: article.authorId ?? null,
    url: articleUrl(article.locale, article.collection!.slug, article.slug),
    managedBy: article.sourceKind,
    createdAt: article.createdAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
    publishedAt: article.publishedAt?.toISOString() ?? null,
  };
}

export function presentRestCollection(c: CollectionAdminView): RestCollection {
  const { id, locale, slug, title, description, url, articleCount, publishedCount } = c;
  return { id, locale, slug, title, description, url, articleCount, publishedCount };
}

export function presentRestUser(staff: StaffView): RestUser {
  return { id: staff.id, name: staff.name, roles: [...staff.roles], active: !staff.deactivated };
}
