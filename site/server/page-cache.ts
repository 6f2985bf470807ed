/** A rendered page kept for anonymous readers. */
export interface CachedPage {
  status: number;
  headers: Array<[string, string]>;
  body: string;
  /** The article shown, so a cache hit still counts as a view. */
  articleId?: number;
  expiresAt: number;
}

/**
 * Whole rendered help-center pages by URL path, least recently used first out. Content events clear it;
 * the TTL bounds how stale time-relative text ("updated 3 days ago") can get.
 */
export class PageCache {
  readonly #pages = new Map<string, CachedPage>();

  constructor(private readonly options: { maxEntries: number; ttlMs: number } = { maxEntries: 2_000, ttlMs: 10 * 60_000 }) {}

  get(path: string, now = Date.now()): CachedPage | undefined {
    const page = this.#pages.get(path);
    if (!page) return undefined;
    this.#pages.delete(path);
    if (page.expiresAt <= now) return undefined;
    this.#pages.set(path, page); // most recently used moves to the end
    return page;
  }

  set(path: string, page: Omit<CachedPage, 'expiresAt'>, now = Date.now()): void {
    this.#pages.delete(path);
    this.#pages.set(path, { ...page, expiresAt: now + this.options.ttlMs });
    while (this.#pages.size > this.options.maxEntries) this.#pages.delete(this.#pages.keys().next().value!);
  }

  clear(): void {
    this.#pages.clear();
  }

  get size(): number {
    return this.#pages.size;
  }
}
