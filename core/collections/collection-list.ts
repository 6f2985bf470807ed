import { col, fn } from 'sequelize';
import { collectionUrl, type CollectionView } from '../articles/presenters.ts';
import { Article, Collection, Locale } from '../models/index.ts';

/** This collection's counterpart in another language, or `null` ids where the translation is missing. */
export interface TranslationView {
  locale: string;
  localeName: string;
  id: number | null;
  title: string | null;
}

/** A collection as the admin lists and edits it: what the site shows of it, and more. */
export interface CollectionAdminView extends Omit<CollectionView, 'articleCount'> {
  /** 1-based place in its language's order. */
  place: number;
  /** Articles in any status; a collection can be deleted only when this is 0. */
  articleCount: number;
  /** The site shows a collection only when it has a published article. */
  publishedCount: number;
  managedBy: 'file' | 'app';
  translations: TranslationView[];
}

export interface LocaleCollections {
  code: string;
  name: string;
  collections: CollectionAdminView[];
}

/** Every collection, per locale in display order (the order of the site's home page), with counts and translations. */
export async function listCollectionsForAdmin(): Promise<LocaleCollections[]> {
  const [locales, collections, counts] = await Promise.all([
    Locale.findAll({ order: [['position', 'ASC']] }),
    Collection.findAll({ order: [['position', 'ASC'], ['title', 'ASC'], ['id', 'ASC']] }),
    Article.findAll({ attributes: ['collectionId', 'status', [fn('COUNT', col('id')), 'count']], group: ['collectionId', 'status'], raw: true }),
  ]);
  const count = (id: number, status?: string) =>
    counts.filter((row) => row.collectionId === id && (!status || row.status === status)).reduce((sum, row) => sum + Number((row as unknown as { count: string }).count), 0);
  return locales.map((locale) => ({
    code: locale.code,
    name: locale.name,
    collections: collections
      .filter((c) => c.locale === locale.code)
      .map((c, index) => ({
        id: c.id,
        locale: c.locale,
        slug: c.slug,
        title: c.title,
        description: c.description,
        icon: c.icon,
        place: index + 1,
        articleCount: count(c.id),
        publishedCount: count(c.id, 'published'),
        url: collectionUrl(c.locale, c.slug),
        managedBy: c.sourceKind,
        translations: locales
          .filter((other) => other.code !== c.locale)
          .map((other) => {
            const sibling = collections.find((s) => s.locale === other.code && s.translationKey === c.translationKey);
            return { locale: other.code, localeName: other.name, id: sibling?.id ?? null, title: sibling?.title ?? null };
          }),
      })),
  }));
}
