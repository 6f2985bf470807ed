import type { HelpCenterReader } from '../articles/help-center-reader.ts';
import type { ArticleSummaryView } from '../articles/presenters.ts';
import { linkedArticlePaths, parseHelpCenterPath } from './help-center-paths.ts';
import { choosePageSuggestions } from './page-suggestions.ts';

/** The articles the widget's home lists. */
export interface WidgetHomeArticles {
  /** The locale's most viewed published articles. */
  popular: ArticleSummaryView[];
  /** "Suggested for this page": see choosePageSuggestions. */
  suggestions: ArticleSummaryView[];
}

/** Links followed per article: an article linking to fifty others still costs a handful of cached reads. */
const MAX_LINKS = 8;

/**
 * The widget home's articles for a visitor on `pathname` (a help-center page, or `/` for a host site's page).
 * Everything comes from the help-center reader's memoised, published-only views, so a warm call costs no query.
 */
export async function widgetHomeArticles(reader: HelpCenterReader, locale: string, locales: readonly string[], pathname: string): Promise<WidgetHomeArticles> {
  const { popular } = await reader.home(locale);
  const place = parseHelpCenterPath(pathname, locales);
  // A page in another language than the widget's: its articles would not match the widget's labels.
  if (place.kind === 'other' || place.locale !== locale) return { popular, suggestions: choosePageSuggestions({ popular }) };
  if (place.kind === 'collection') {
    const page = await reader.collection(locale, place.collection);
    return { popular, suggestions: choosePageSuggestions({ collection: page?.articles ?? [], popular }) };
  }
  const page = await reader.article(locale, place.collection, place.slug);
  if (!page) return { popular, suggestions: choosePageSuggestions({ popular }) };
  const targets = linkedArticlePaths(page.article.html, locale).slice(0, MAX_LINKS);
  const linked = await Promise.all(targets.map(async (target) => (await reader.article(locale, target.collection, target.slug))?.article));
  return {
    popular,
    suggestions: choosePageSuggestions({
      currentArticleId: page.article.id,
      linked: linked.filter((article) => article !== undefined).map(({ id, title, description, url }) => ({ id, title, description, url })),
      collection: page.related,
      popular,
    }),
  };
}
