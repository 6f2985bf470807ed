import { Op } from 'sequelize';
import { Article, ArticleAutosave, ArticleVersion, Author, Collection, Locale } from '../../models/index.ts';
import { articleUrl } from '../presenters.ts';

export interface EditorView {
  article: {
    id: number;
    locale: string;
    slug: string;
    /** Only a never-published article may change its slug (a published URL is out there). */
    slugEditable: boolean;
    collectionId: number;
    authorId: number | null;
    status: 'draft' | 'published';
    version: number;
    title: string;
    description: string;
    body: string;
    tags: string[];
    url: string;
    managedBy: 'file' | 'app';
    sourcePath: string | null;
    savedAt: Date;
    savedBy: string;
  };
  /** This person's unsaved text, when it differs from the saved article. */
  autosave: { baseVersion: number; title: string; description: string; body: string; tags: string[]; updatedAt: Date } | null;
  collections: Array<{ id: number; title: string }>;
  authors: Array<{ id: number; name: string; email: string | null }>;
  /** Every language of the site: the translation of this article in it, or null when it lacks one. */
  translations: Array<{ locale: string; localeName: string; article: { id: number; title: string; status: 'draft' | 'published' } | null }>;
}

/** Everything the editor page shows, in one read. */
export async function loadEditorView(articleId: number, userId: number): Promise<EditorView | undefined> {
  const article = await Article.findByPk(articleId, { include: [{ model: Collection, as: 'collection' }] });
  if (!article) return undefined;
  const [autosave, latest, collections, authors, locales, siblings] = await Promise.all([
    ArticleAutosave.findOne({ where: { articleId, userId } }),
    ArticleVersion.findOne({ where: { articleId, number: article.version } }),
    Collection.findAll({ where: { locale: article.locale }, order: [['position', 'ASC'], ['title', 'ASC']] }),
    Author.findAll({ order: [['name', 'ASC']] }),
    Locale.findAll({ order: [['position', 'ASC']] }),
    Article.findAll({ attributes: ['id', 'locale', 'title', 'status'], where: { translationKey: article.translationKey, id: { [Op.ne]: article.id } } }),
  ]);
  const unsaved = autosave && (autosave.title !== article.title || autosave.description !== article.description || autosave.body !== article.body || autosave.tags.join() !== article.tags.join());
  return {
    article: {
      id: article.id,
      locale: article.locale,
      slug: article.slug,
      slugEditable: !article.publishedAt,
      collectionId: article.collectionId,
      authorId: article.authorId,
      status: article.status,
      version: article.version,
      title: article.title,
      description: article.description,
      body: article.body,
      tags: article.tags,
      url: articleUrl(article.locale, article.collection!.slug, article.slug),
      managedBy: article.sourceKind,
      sourcePath: article.sourcePath,
      savedAt: latest?.createdAt ?? article.updatedAt,
      savedBy: latest?.editorLabel ?? 'unknown',
    },
    autosave: unsaved ? { baseVersion: autosave.baseVersion, title: autosave.title, description: autosave.description, body: autosave.body, tags: autosave.tags, updatedAt: autosave.updatedAt } : null,
    collections: collections.map((c) => ({ id: c.id, title: c.title })),
    authors: authors.map((a) => ({ id: a.id, name: a.name, email: a.email })),
    translations: locales
      .filter((locale) => locale.code !== article.locale)
      .map((locale) => {
        const translation = siblings.find((s) => s.locale === locale.code);
        return { locale: locale.code, localeName: locale.name, article: translation ? { id: translation.id, title: translation.title, status: translation.status } : null };
      }),
  };
}
