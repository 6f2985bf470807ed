import { LRUCache } from 'lru-cache';
import type { SearchQuery, SearchResult } from '../engine.ts';

/**
 * Answers of recent queries, forgotten as a whole whenever the index changes (a publish, an unpublish, a
 * rebuild, new settings), so a cached answer is always the one a fresh search would give. Worth it because
 * a search box asks the same prefixes for every visitor ("pass", "passw", …) and popular questions repeat.
 */
export class ResultCache {
  readonly #answers: LRUCache<string, SearchResult> | undefined;

  /** `size` answers at most; 0 turns caching off (the bench's baseline). */
  constructor(size: number) {
    this.#answers = size > 0 ? new LRUCache({ max: size }) : undefined;
  }

  get(query: SearchQuery): SearchResult | undefined {
    return this.#answers?.get(keyOf(query));
  }

  /** Remembers an answer, frozen: every caller gets the same objects, so none may change them. */
  set(query: SearchQuery, result: SearchResult): void {
    if (!this.#answers) return;
    for (const hit of result.hits) Object.freeze(hit);
    Object.freeze(result.hits);
    this.#answers.set(keyOf(query), Object.freeze(result));
  }

  clear(): void {
    if (this.#answers && this.#answers.size > 0) this.#answers.clear();
  }
}

function keyOf({ locale, collection, q, limit, offset }: SearchQuery): string {
  return JSON.stringify([locale, collection ?? null, limit, offset, q]);
}
