import { stemmer as englishStemmer } from '@orama/stemmers/english';
import { stemmer as russianStemmer } from '@orama/stemmers/russian';

/** Snowball stemmers by locale; text in other locales is matched without stemming. */
const stemmers: Record<string, (word: string) => string> = { en: englishStemmer, ru: russianStemmer };

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/**
 * Lower-cases and folds what readers type interchangeably: "ё" as "е", typographic apostrophes, NFKC
 * compatibility forms. Applied identically to documents and queries.
 */
export function normalize(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/ё/g, 'е').replace(/’/g, "'");
}

/** Words of a text, normalized, in order. */
export function tokenize(text: string): string[] {
  return normalize(text).match(WORD) ?? [];
}

/** Stems by locale and word: a help center's vocabulary is small, and stemming is the hot path. */
const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 200_000;

/** The Snowball stem of one normalized word in a locale ("уведомлений" → "уведомлен"). */
export function stem(word: string, locale: string): string {
  const key = `${locale}:${word}`;
  let stemmed = stemCache.get(key);
  if (stemmed === undefined) {
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemmed = stemUncached(word, locale);
    stemCache.set(key, stemmed);
  }
  return stemmed;
}

function stemUncached(word: string, locale: string): string {
  const stemmer = stemmers[locale];
  // Cyrillic words in an English text (and Latin ones in Russian) get the stemmer of their own script.
  if (/[а-я]/.test(word)) return russianStemmer(word);
  if (/^[a-z]+$/.test(word)) return (stemmer === russianStemmer ? englishStemmer : (stemmer ?? englishStemmer))(word);
  return word;
}

/** Stems of every word of a text, space-separated: the extra field that makes word forms match. */
export function stemmedText(text: string, locale: string): string {
  return tokenize(text)
    .map((word) => stem(word, locale))
    .join(' ');
}
