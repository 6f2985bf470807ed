import type { IncomingMessage, ServerResponse } from 'node:http';
import type { PageView } from '../../core/metrics/page-views.ts';

/** A rendered page kept for anonymous readers. */
export interface CachedPage {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** The article shown, so a cache hit still counts as a view. */
  articleId?: number;
  /** What the page shows, so a cache hit still counts as a page view. */
  view?: PageView;
  expiresAt: number;
}

/** Only plain GETs without a query string are cached: the path alone identifies the page. */
export function isCacheableRequest(method: string | undefined, search: string): boolean {
  return method === 'GET' && search === '';
}

/**
 * Whole rendered help-center pages by URL path, least recently used first out. Content events clear it;
 * the TTL bounds how stale time-relative text ("updated 3 days ago") can get.
 */
export class PageCache {
  readonly #pages = new Map<string, CachedPage>();

  readonly #options: { maxEntries: number; ttlMs: number };

  constructor(options = { maxEntries: 2_000, ttlMs: 10 * 60_000 }) {
    this.#options = options;
  }

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
    this.#pages.set(path, { ...page, expiresAt: now + this.#options.ttlMs });
    while (this.#pages.size > this.#options.maxEntries) this.#pages.delete(this.#pages.keys().next().value!);
  }

  clear(): void {
    this.#pages.clear();
  }

  get size(): number {
    return this.#pages.size;
  }
}

/**
 * Answers a request from the cache straight on the Node response, skipping Astro's request pipeline
 * (that is what makes a cached page nearly as cheap as a static file). Returns false on a miss.
 * `onPageView` counts the page view and may answer a Set-Cookie value (a new visitor's cookie), sent with this
 * response only.
 */
export function serveCachedPage(req: IncomingMessage, res: ServerResponse, cache: PageCache, onArticleView: (id: number) => void, onPageView?: (view: PageView, req: IncomingMessage) => string | undefined): boolean {
  const url = req.url ?? '/';
  const queryStart = url.indexOf('?');
  if (!isCacheableRequest(req.method, queryStart === -1 ? '' : url.slice(queryStart))) return false;
  const page = cache.get(url);
  if (!page) return false;
  if (page.articleId) onArticleView(page.articleId);
  const setCookie = page.view && onPageView?.(page.view, req);
  res.writeHead(page.status, setCookie ? { ...page.headers, 'set-cookie': setCookie } : page.headers);
  res.end(page.body);
  return true;
}
