import SearchableMap from 'minisearch/SearchableMap';

/**
 * The words of the typo-tolerant fields (titles, headings, tags, descriptions) of one locale, counted by
 * document, for finding what a misspelled word may have meant. MiniSearch's own fuzzy search walks its
 * whole term tree, bodies, code and stems included, and then throws away what is not in the requested
 * fields: on the bench that walk was a fifth of a query's time. This tree holds only the words typos are
 * looked up among, so the walk is several times smaller; the main index is then asked for those exact words.
 */
export class TypoVocabulary {
  readonly #documentsByWord = new SearchableMap<number>();
  readonly #wordsByDocument = new Map<number, string[]>();

  add(id: number, words: Iterable<string>): void {
    const unique = [...new Set(words)];
    this.#wordsByDocument.set(id, unique);
    for (const word of unique) this.#documentsByWord.update(word, (count = 0) => count + 1);
  }

  discard(id: number): void {
    for (const word of this.#wordsByDocument.get(id) ?? []) {
      const left = (this.#documentsByWord.get(word) ?? 1) - 1;
      if (left > 0) this.#documentsByWord.set(word, left);
      else this.#documentsByWord.delete(word);
    }
    this.#wordsByDocument.delete(id);
  }

  /** Words within `maxDistance` edits of `word` (Levenshtein), the word itself excluded, with their distance. */
  near(word: string, maxDistance: number): Map<string, number> {
    const near = new Map<string, number>();
    if (maxDistance === 0) return near;
    for (const [candidate, [, distance]] of this.#documentsByWord.fuzzyGet(word, maxDistance)) {
      if (distance > 0) near.set(candidate, distance);
    }
    return near;
  }
}
