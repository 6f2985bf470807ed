import type { Translate } from '../../i18n/translate.ts';

/** A message per plural category of the locale ("{count} result", "{count} results"). */
export type PluralTemplates = Partial<Record<Intl.LDMLPluralRule, string>>;

/**
 * Every string the search box shows, localized on the server and passed as a prop, so the island ships
 * no dictionary and no message formatter. `{query}` and `{count}` are filled in the browser.
 */
export interface SearchBoxLabels {
  /** Accessible name of the input and of the search landmark. */
  label: string;
  submit: string;
  /** Accessible name of the list of suggestions. */
  suggestions: string;
  resultCount: PluralTemplates;
  noResults: string;
  seeAll: string;
  rateLimited: string;
  unavailable: string;
  /** Offered when nothing was found: opens the chat about the query. */
  chatWithUs: string;
}

/** Server side: the labels in the page's locale. */
export function searchBoxLabels(t: Translate, locale: string): SearchBoxLabels {
  const query = { query: '{query}' };
  return {
    label: t('search.label'),
    submit: t('search.submit'),
    suggestions: t('search.suggestions'),
    resultCount: pluralTemplates((count) => t('search.resultCount', { count }), locale),
    noResults: t('search.noResults', query),
    seeAll: t('search.seeAll', query),
    rateLimited: t('search.rateLimited'),
    unavailable: t('search.unavailable'),
    chatWithUs: t('search.chatWithUs'),
  };
}

/**
 * Turns an ICU plural message into one template per plural category, so the browser can pick the right
 * Russian form with the built-in Intl.PluralRules instead of shipping intl-messageformat. Each category is
 * formatted for its first integer example and the number put back as `{count}`; exact matches (`=0`) in
 * the message would be lost, so plural messages for the island must not use them.
 */
export function pluralTemplates(format: (count: number) => string, locale: string): PluralTemplates {
  const rules = new Intl.PluralRules(locale);
  const numbers = new Intl.NumberFormat(locale);
  const templates: PluralTemplates = {};
  for (let count = 0; count <= 1_000; count++) {
    const category = rules.select(count);
    if (templates[category] !== undefined) continue;
    const digits = numbers.format(count).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    templates[category] = format(count).replace(new RegExp(`(?<!\\d)${digits}(?!\\d)`), '{count}');
  }
  return templates;
}

/** Browser side: "5 results" / "5 результатов". */
export function formatCount(templates: PluralTemplates, locale: string, count: number): string {
  const template = templates[new Intl.PluralRules(locale).select(count)] ?? templates.other ?? '{count}';
  return template.replace('{count}', () => count.toLocaleString(locale));
}

/** Browser side: puts the visitor's query into a label (a replacer function, so `$&` in a query stays literal). */
export function withQuery(template: string, query: string): string {
  return template.replace('{query}', () => query);
}
