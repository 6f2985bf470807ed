import type { Translate } from '../../../i18n/translate.ts';
import { pluralTemplates, type PluralTemplates } from '../../search/labels.ts';

/** The strings of the widget's home (search, articles, the way to the chat), localized on the server. */
export interface HomeLabels {
  title: string;
  /** The chat header's button back to the home. */
  home: string;
  search: string;
  searchPlaceholder: string;
  /** "{count} articles found", per plural category. */
  resultCount: PluralTemplates;
  /** "Nothing found for “{query}”". */
  noResults: string;
  searchFailed: string;
  results: string;
  popular: string;
  suggested: string;
  loading: string;
  /** The article reader's back button, from an article to the home. */
  back: string;
  message: string;
  stillNeedHelp: string;
}

export function homeLabels(t: Translate, locale: string): HomeLabels {
  return {
    title: t('widgetHome.title'),
    home: t('widgetHome.home'),
    search: t('widgetHome.search'),
    searchPlaceholder: t('widgetHome.searchPlaceholder'),
    resultCount: pluralTemplates((count) => t('widgetHome.resultCount', { count }), locale),
    noResults: t('widgetHome.noResults', { query: '{query}' }),
    searchFailed: t('widgetHome.searchFailed'),
    results: t('widgetHome.results'),
    popular: t('widgetHome.popular'),
    suggested: t('widgetHome.suggested'),
    loading: t('widgetHome.loading'),
    back: t('widgetHome.back'),
    message: t('widgetHome.message'),
    stillNeedHelp: t('widgetHome.stillNeedHelp'),
  };
}
