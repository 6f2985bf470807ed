import { LRUCache } from 'lru-cache';
import SearchableMap from 'minisearch/SearchableMap';

/**
 * Typo lookups remembered per vocabulary. Visitors type the same words over and over (and a query relaxed
 * word by word asks again for each of its words), while the fuzzy walk is a tenth of a query's time.
 */
export const CACHED_TYPO_LOOKUPS = 5_000;

/**
 * The words of the typo-tolerant fields (titles, headings, tags, descriptions) of one locale, counted by
 * document, for finding what a misspelled word may have meant. MiniSearch's own fuzzy search walks its
 * whole term tree, bodies, code and stems included, and then throws away what is not in the requested
 * fields: on the bench that walk was a fifth of a query's time. This tree holds only the words typos are
 * looked up among, so the walk is several times smaller; the main index is then asked for those exact words.
 * Lookups are cached until the vocabulary next changes.
 */
export class TypoVocabulary {
  readonly #documentsByWord = new SearchableMap<number>();
  readonly #wordsByDocument = new Map<number, string[]>();
  readonly #lookups: LRUCache<string, ReadonlyMap<string, number>> | undefined;

  /** `cachedLookups` typo lookups remembered at most; 0 turns the cache off (the bench's baseline). */
  constructor(cachedLookups = CACHED_TYPO_LOOKUPS) {
    this.#lookups = cachedLookups > 0 ? new LRUCache({ max: cachedLookups }) : undefined;
  }

  add(id: number, words: Iterable<string>): void {
    this.#forgetLookups();
    const unique = [...new Set(words)];
    this.#wordsByDocument.set(id, unique);
    for (const word of unique) this.#documentsByWord.update(word, (count = 0) => count + 1);
  }

  discard(id: number): void {
    this.#forgetLookups();
    for (const word of this.#wordsByDocument.get(id) ?? []) {
      const left = (this.#documentsByWord.get(word) ?? 1) - 1;
      if (left > 0) this.#documentsByWord.set(word, left);
      else this.#documentsByWord.delete(word);
    }
    this.#wordsByDocument.delete(id);
  }

  /** Words within `maxDistance` edits of `word` (Levenshtein), the word itself excluded, with their distance. */
  near(word: string, maxDistance: number): ReadonlyMap<string, number> {
    if (maxDistance === 0) return new Map();
    const key = `${maxDistance}:${word}`;
    const cached = this.#lookups?.get(key);
    if (cached) return cached;
    const near = this.#walk(word, maxDistance);
    this.#lookups?.set(key, near);
    return near;
  }

  #walk(word: string, maxDistance: number): Map<string, number> {
    const near = new Map<string, number>();
    for (const [candidate, [, distance]] of this.#documentsByWord.fuzzyGet(word, maxDistance)) {
      if (distance > 0) near.set(candidate, distance);
    }
    return near;
  }

  /** Any change of words may add or remove a typo's candidates. (Checked first: indexing adds thousands.) */
  #forgetLookups(): void {
    if (this.#lookups && this.#lookups.size > 0) this.#lookups.clear();
  }
}
