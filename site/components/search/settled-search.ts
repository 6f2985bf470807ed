import type { SettledSearch } from '../../../search/search-log.ts';

/**
 * Decides which searches are worth logging. Search-as-you-type produces a request per pause in typing;
 * logging those would fill the search log with prefixes ("how t", "how to r") and make every real search
 * look like several failed ones. A query is logged only once it *settles*: the visitor submits it, clicks a
 * result, stops typing for a while, or leaves the page with it in the box.
 *
 * Pure logic: no DOM, no network. The caller injects how entries are sent, the timers, and where the
 * session id lives, so the rules are unit-tested with fake timers (tests/unit/site/settled-search.test.ts).
 */

/** The body of `POST /api/search/log` (the server's own type: one definition for both ends). */
export type SettledSearchEntry = SettledSearch;

export interface SendOptions {
  /** The page is about to go away (navigation, tab hidden): the caller should use `navigator.sendBeacon`. */
  unloading: boolean;
}

/** The subset of `setTimeout`/`clearTimeout` the log needs; fake in tests. */
export interface Timers {
  set(callback: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

/** The subset of Web Storage the log needs (sessionStorage in the browser, a Map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export interface SettledSearchOptions {
  locale: string;
  send(entry: SettledSearchEntry, options: SendOptions): void;
  store: KeyValueStore;
  timers?: Timers;
  /** How long typing must pause before the query in the box counts. */
  idleMs?: number;
  createId?: () => string;
}

export const SESSION_KEY = 'deflect.searchSession';
/** The last entry sent, kept per tab so the results page does not log again what the box just logged. */
export const LAST_SENT_KEY = 'deflect.searchLast';
export const IDLE_MS = 1_500;
export const MAX_QUERY_LENGTH = 200;

/** Trimmed, single-spaced, at most 200 UTF-16 units (without cutting a surrogate pair in half). */
export function normalizeQuery(raw: string): string {
  const query = raw.replace(/\s+/g, ' ').trim();
  if (query.length <= MAX_QUERY_LENGTH) return query;
  return query.slice(0, MAX_QUERY_LENGTH).replace(/[\uD800-\uDBFF]$/, '').trimEnd();
}

/** `crypto.randomUUID` exists only in secure contexts; a help center served over plain HTTP still needs ids. */
export function randomUuid(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const defaultTimers: Timers = {
  set: (callback, ms) => setTimeout(callback, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

interface Pending {
  query: string;
  /** Unknown until the results for exactly this query have been shown. */
  resultCount?: number;
  /** The idle delay has passed; the query is logged as soon as its result count is known. */
  idle: boolean;
}

interface LastSent {
  query: string;
  clickedArticleId?: number;
}

export class SettledSearchLog {
  readonly #options: SettledSearchOptions & { timers: Timers; idleMs: number; createId: () => string };
  #pending: Pending | null = null;
  #timer: unknown = null;

  constructor(options: SettledSearchOptions) {
    this.#options = { timers: defaultTimers, idleMs: IDLE_MS, createId: randomUuid, ...options };
  }

  /** The text in the box changed (every keystroke): restarts the idle delay. */
  typed(raw: string): void {
    const query = normalizeQuery(raw);
    this.#cancelTimer();
    if (!query) {
      this.#pending = null;
      return;
    }
    // Same query after an edit that only touched whitespace: the count already shown still applies.
    const resultCount = this.#pending?.query === query ? this.#pending.resultCount : undefined;
    this.#pending = { query, ...(resultCount === undefined ? {} : { resultCount }), idle: false };
    this.#timer = this.#options.timers.set(() => this.#onIdle(), this.#options.idleMs);
  }

  /** Results for `raw` were shown. A response for another (older) query is ignored. */
  resultsShown(raw: string, resultCount: number): void {
    const pending = this.#pending;
    if (!pending || pending.query !== normalizeQuery(raw)) return;
    pending.resultCount = resultCount;
    if (pending.idle) this.#settle({ query: pending.query, resultCount }, false);
  }

  /**
   * The visitor submitted the query (Enter, the search button, "See all results", or the results page
   * loaded). Without a known count nothing is sent: the results page logs it with its own total.
   */
  submitted(raw: string, resultCount?: number): void {
    const query = normalizeQuery(raw);
    const count = resultCount ?? (this.#pending?.query === query ? this.#pending.resultCount : undefined);
    this.#cancelTimer();
    this.#pending = null;
    if (query && count !== undefined) this.#settle({ query, resultCount: count }, true);
  }

  /** A result was opened; `position` is 1-based over the whole result list. */
  clicked(raw: string, resultCount: number, clickedArticleId: number, position: number): void {
    const query = normalizeQuery(raw);
    if (query) this.#settle({ query, resultCount, clickedArticleId, position }, true);
  }

  /** The page is going away (`pagehide`, tab hidden): the query still in the box counts. */
  flush(): void {
    const pending = this.#pending;
    if (pending?.resultCount !== undefined) this.#settle({ query: pending.query, resultCount: pending.resultCount }, true);
  }

  /** Stops the idle timer (component destroyed). */
  dispose(): void {
    this.#cancelTimer();
  }

  #onIdle(): void {
    this.#timer = null;
    const pending = this.#pending;
    if (!pending) return;
    pending.idle = true;
    if (pending.resultCount !== undefined) this.#settle({ query: pending.query, resultCount: pending.resultCount }, false);
  }

  #cancelTimer(): void {
    if (this.#timer !== null) this.#options.timers.clear(this.#timer);
    this.#timer = null;
  }

  #settle(entry: Omit<SettledSearchEntry, 'sessionId' | 'locale'>, unloading: boolean): void {
    this.#cancelTimer();
    this.#pending = null;
    const last = this.#lastSent();
    const sameQuery = last?.query === entry.query.toLowerCase();
    // The same query again adds nothing, unless it now carries a (different) click.
    if (sameQuery && (entry.clickedArticleId === undefined || entry.clickedArticleId === last?.clickedArticleId)) return;
    this.#remember({ query: entry.query.toLowerCase(), ...(entry.clickedArticleId === undefined ? {} : { clickedArticleId: entry.clickedArticleId }) });
    this.#options.send({ sessionId: this.#sessionId(), locale: this.#options.locale, ...entry }, { unloading });
  }

  #sessionId(): string {
    const { store, createId } = this.#options;
    const existing = store.getItem(SESSION_KEY);
    if (existing) return existing;
    const id = createId();
    store.setItem(SESSION_KEY, id);
    return id;
  }

  #lastSent(): LastSent | null {
    try {
      const value: unknown = JSON.parse(this.#options.store.getItem(LAST_SENT_KEY) ?? 'null');
      if (typeof value !== 'object' || value === null || !('query' in value) || typeof value.query !== 'string') return null;
      const clicked = 'clickedArticleId' in value && typeof value.clickedArticleId === 'number' ? value.clickedArticleId : undefined;
      return { query: value.query, ...(clicked === undefined ? {} : { clickedArticleId: clicked }) };
    } catch {
      return null; // a value written by something else: treat as nothing sent yet
    }
  }

  #remember(last: LastSent): void {
    this.#options.store.setItem(LAST_SENT_KEY, JSON.stringify(last));
  }
}
