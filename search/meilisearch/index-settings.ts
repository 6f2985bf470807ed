import type { Settings } from 'meilisearch';
import type { SearchSettings } from '../engine.ts';

/**
 * Order matters: Meilisearch's "attribute" ranking rule prefers matches in earlier attributes. `stems` comes
 * last because a match there only means "some word form matched" and must not outrank an exact match.
 */
export const SEARCHABLE_ATTRIBUTES = ['title', 'headings', 'tags', 'description', 'body', 'stems'];

/** `stems`, `headings` and `tags` are only searched, never shown: leaving them out keeps responses small. */
export const DISPLAYED_ATTRIBUTES = ['id', 'locale', 'collectionSlug', 'collectionTitle', 'title', 'description', 'body', 'url'];

/** Enough for any help center; it also bounds how deep `offset` can page. */
export const MAX_TOTAL_HITS = 1000;

/**
 * ISO 639-1 (what Deflect locales start with) → ISO 639-3 (what Meilisearch's `localizedAttributes` and the
 * `locales` search parameter take). Only languages Meilisearch's tokenizer knows are listed; others fall back
 * to its language detection.
 */
const MEILISEARCH_LOCALES: Record<string, string> = {
  en: 'eng', ru: 'rus', uk: 'ukr', be: 'bel', de: 'deu', fr: 'fra', es: 'spa', it: 'ita', pt: 'por', nl: 'nld',
  pl: 'pol', cs: 'ces', sv: 'swe', da: 'dan', fi: 'fin', tr: 'tur', he: 'heb', ar: 'ara', ja: 'jpn', ko: 'kor',
  zh: 'cmn', hi: 'hin', el: 'ell', hu: 'hun', ro: 'ron',
};

/** The Meilisearch language code of a Deflect locale (`en`, `pt-BR`…), or undefined when it has none. */
export function meilisearchLocale(locale: string): string | undefined {
  const language = locale.toLowerCase().split(/[-_]/)[0] ?? '';
  return MEILISEARCH_LOCALES[language];
}

/**
 * Turns groups of equivalents into Meilisearch's one-way synonym map: each word points to all the others of
 * its group(s), so that any of them finds the rest. A word in several groups gets the union.
 */
export function expandSynonyms(groups: string[][]): Record<string, string[]> {
  const map = new Map<string, Set<string>>();
  for (const group of groups) {
    for (const word of group) {
      const others = map.get(word) ?? new Set<string>();
      for (const other of group) if (other !== word) others.add(other);
      map.set(word, others);
    }
  }
  return Object.fromEntries([...map].map(([word, others]) => [word, [...others]]));
}

/**
 * The complete settings of one locale index. Sent whole on every `configure` so that applying them is
 * idempotent and a setting removed from Deflect is also reset on the server (`null` = Meilisearch default).
 */
export function buildIndexSettings(locale: string, settings: SearchSettings): Settings {
  const language = meilisearchLocale(locale);
  return {
    searchableAttributes: SEARCHABLE_ATTRIBUTES,
    // The locale is the index itself; `locale` stays filterable so a misrouted document can still be excluded.
    filterableAttributes: ['collectionSlug', 'locale'],
    displayedAttributes: DISPLAYED_ATTRIBUTES,
    synonyms: expandSynonyms(settings.synonyms[locale] ?? []),
    stopWords: settings.stopWords[locale] ?? [],
    // Short words get no typo: "bill" must not match "bell", nor "счет" "свет".
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    // Telling the tokenizer the language avoids misdetection on short fields (titles, tags).
    localizedAttributes: language === undefined ? null : [{ attributePatterns: ['*'], locales: [language] }],
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
  };
}
