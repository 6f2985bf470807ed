import type { SearchOptions, SearchResult as MiniSearchResult } from 'minisearch';
import type { LocaleIndex } from './locale-index.ts';
import type { QueryPlan } from './query-plan.ts';

/**
 * A word in more than this share of a locale's documents is not worth narrowing by: its own query costs
 * about as much as the whole search, and it would run twice.
 */
const MAX_PIVOT_SHARE = 0.25;

/**
 * Documents matching all of `words`, scored exactly as MiniSearch scores the plain AND query, but computed
 * faster when a common word meets a rarer one ("создание настройка балансировщиков"): the rarest word is
 * searched first, and the full query then scores only the documents it found. Every result of an AND
 * query contains that word, so nothing is lost; what is saved is building a scored entry for each of the
 * thousands of documents a common word matches, which was most of the slowest queries' time.
 */
export function searchAllWords(index: LocaleIndex, plan: QueryPlan, words: string[], options: SearchOptions): MiniSearchResult[] {
  const pivot = words.length > 1 ? rarestWord(index, words) : undefined;
  if (pivot === undefined) return index.search(plan.build(words), options);
  const candidates = new Set(index.search(plan.buildWord(words, pivot), options).map((result) => result.id as number));
  if (candidates.size === 0) return [];
  // MiniSearch skips a document whose boost is 0 before scoring it; 1 leaves the score as it was.
  return index.search(plan.build(words), { ...options, boostDocument: (id: number) => (candidates.has(id) ? 1 : 0) });
}

/** The position in `words` of the word the fewest documents contain (estimated), if rare enough to narrow by. */
function rarestWord(index: LocaleIndex, words: string[]): number | undefined {
  let rarest: number | undefined;
  let fewest = index.documentCount * MAX_PIVOT_SHARE;
  words.forEach((word, position) => {
    const count = index.estimatedDocumentsWith(word, fewest);
    if (count <= fewest) [rarest, fewest] = [position, count];
  });
  return rarest;
}
