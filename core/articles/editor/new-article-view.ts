import { Article, Collection, Locale } from '../../models/index.ts';

export interface NewArticleView {
  locales: Array<{ code: string; name: string; collections: Array<{ id: number; title: string }> }>;
  /** When translating: the article being translated, and the collection matching its own in each language. */
  source: { id: number; title: string; locale: string; matchingCollectionIds: Record<string, number> } | null;
}

/** The choices of the "New article" form: languages with their collections, and the source of a translation. */
export async function loadNewArticleView(translationOf?: number): Promise<NewArticleView> {
  const [locales, collections, source] = await Promise.all([
    Locale.findAll({ order: [['position', 'ASC']] }),
    Collection.findAll({ order: [['position', 'ASC'], ['title', 'ASC']] }),
    translationOf ? Article.findByPk(translationOf, { include: [{ model: Collection, as: 'collection' }] }) : null,
  ]);
  const matching = source?.collection ? collections.filter((c) => c.translationKey === source.collection!.translationKey) : [];
  return {
    locales: locales.map((l) => ({ code: l.code, name: l.name, collections: collections.filter((c) => c.locale === l.code).map((c) => ({ id: c.id, title: c.title })) })),
    source: source ? { id: source.id, title: source.title, locale: source.locale, matchingCollectionIds: Object.fromEntries(matching.map((c) => [c.locale, c.id])) } : null,
  };
}
