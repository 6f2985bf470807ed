import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDLE_MS, LAST_SENT_KEY, SESSION_KEY, SettledSearchLog, normalizeQuery, type KeyValueStore, type SendOptions, type SettledSearchEntry } from '../../../site/components/search/settled-search.ts';

const SESSION_ID = '6f1c1e3a-2b7d-4c39-9f53-0e6f2c1b8a47';

function memoryStore(): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (key) => map.get(key) ?? null, setItem: (key, value) => void map.set(key, value) };
}

/** A log with fake timers (vitest's clock) and a recording `send`. */
function setup(store = memoryStore()) {
  const sent: Array<{ entry: SettledSearchEntry; options: SendOptions }> = [];
  const log = new SettledSearchLog({
    locale: 'en',
    store,
    send: (entry, options) => sent.push({ entry, options }),
    timers: { set: (callback, ms) => setTimeout(callback, ms), clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) },
    createId: () => SESSION_ID,
  });
  const queries = () => sent.map((s) => s.entry.query);
  return { log, sent, queries, store };
}

/** Types `text` one letter at a time, `gapMs` apart; each prefix's results arrive 40 ms after its keystroke. */
function typeSlowly(log: SettledSearchLog, text: string, gapMs = 100, resultCount = (prefix: string) => prefix.length) {
  for (let i = 1; i <= text.length; i++) {
    const prefix = text.slice(0, i);
    log.typed(prefix);
    vi.advanceTimersByTime(40);
    log.resultsShown(prefix, resultCount(prefix));
    vi.advanceTimersByTime(gapMs - 40);
  }
}

describe('SettledSearchLog', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('logs only the final query after typing letter by letter and pausing 1.5 s', () => {
    const { log, sent, queries } = setup();
    typeSlowly(log, 'how to reset');
    expect(sent).toEqual([]); // no prefix while typing ("h", "how t", "how to r" …)
    vi.advanceTimersByTime(IDLE_MS);
    expect(queries()).toEqual(['how to reset']);
    expect(sent[0]).toEqual({ entry: { sessionId: SESSION_ID, locale: 'en', query: 'how to reset', resultCount: 12 }, options: { unloading: false } });
    vi.advanceTimersByTime(60_000);
    expect(sent).toHaveLength(1);
  });

  it('waits for the result count when the pause ends before the results arrive', () => {
    const { log, queries, sent } = setup();
    log.typed('invoice');
    vi.advanceTimersByTime(IDLE_MS + 500);
    expect(sent).toEqual([]);
    log.resultsShown('invoic', 9); // a stale response for an older prefix does not count
    expect(sent).toEqual([]);
    log.resultsShown('invoice', 3);
    expect(queries()).toEqual(['invoice']);
    expect(sent[0]?.entry.resultCount).toBe(3);
  });

  it('logs a submitted query immediately, as the page unloads', () => {
    const { log, sent } = setup();
    log.typed('refund');
    log.resultsShown('refund', 4);
    log.submitted('refund');
    expect(sent).toEqual([{ entry: { sessionId: SESSION_ID, locale: 'en', query: 'refund', resultCount: 4 }, options: { unloading: true } }]);
    vi.advanceTimersByTime(IDLE_MS * 2);
    expect(sent).toHaveLength(1); // the idle timer was cancelled
  });

  it('leaves a submit with an unknown count to the results page', () => {
    const { log, sent } = setup();
    log.typed('refund');
    log.submitted('refund');
    vi.advanceTimersByTime(IDLE_MS * 2);
    expect(sent).toEqual([]);
    log.submitted('refund', 7); // the results page knows its total
    expect(sent.map((s) => s.entry)).toEqual([{ sessionId: SESSION_ID, locale: 'en', query: 'refund', resultCount: 7 }]);
  });

  it('logs a click with the article id and its 1-based position', () => {
    const { log, sent } = setup();
    log.typed('password');
    log.resultsShown('password', 5);
    log.clicked('password', 5, 42, 2);
    expect(sent).toEqual([{ entry: { sessionId: SESSION_ID, locale: 'en', query: 'password', resultCount: 5, clickedArticleId: 42, position: 2 }, options: { unloading: true } }]);
  });

  it('sends one more entry for a click after the idle log of the same query, and no more after that', () => {
    const { log, sent } = setup();
    log.typed('password');
    log.resultsShown('password', 5);
    vi.advanceTimersByTime(IDLE_MS);
    log.clicked('password', 5, 42, 1);
    log.clicked('password', 5, 42, 1);
    log.submitted('password', 5);
    expect(sent.map((s) => s.entry.clickedArticleId)).toEqual([undefined, 42]);
  });

  it('flushes the pending query when the page is hidden', () => {
    const { log, sent } = setup();
    typeSlowly(log, 'export data');
    log.flush();
    expect(sent).toEqual([{ entry: { sessionId: SESSION_ID, locale: 'en', query: 'export data', resultCount: 11 }, options: { unloading: true } }]);
    vi.advanceTimersByTime(IDLE_MS);
    log.flush();
    expect(sent).toHaveLength(1);
  });

  it('never sends the same settled query twice in a row', () => {
    const { log, queries } = setup();
    for (const text of ['billing', 'billing ', '  Billing']) {
      log.typed(text);
      log.resultsShown(text, 2);
      vi.advanceTimersByTime(IDLE_MS);
    }
    log.submitted('billing', 2);
    log.flush();
    log.typed('billing plan');
    log.resultsShown('billing plan', 1);
    vi.advanceTimersByTime(IDLE_MS);
    log.typed('billing');
    log.resultsShown('billing', 2);
    vi.advanceTimersByTime(IDLE_MS);
    expect(queries()).toEqual(['billing', 'billing plan', 'billing']);
  });

  it('remembers the last entry in the store, so another page of the same tab does not repeat it', () => {
    const store = memoryStore();
    const box = setup(store);
    box.log.typed('refund');
    box.log.resultsShown('refund', 4);
    box.log.submitted('refund');
    const resultsPage = setup(store);
    resultsPage.log.submitted('refund', 4);
    expect(box.sent).toHaveLength(1);
    expect(resultsPage.sent).toEqual([]);
  });

  it('never logs an empty or whitespace-only query', () => {
    const { log, sent } = setup();
    for (const text of ['', '   ', '\t\n ']) {
      log.typed(text);
      log.resultsShown(text, 0);
      vi.advanceTimersByTime(IDLE_MS);
      log.submitted(text, 0);
      log.clicked(text, 1, 3, 1);
      log.flush();
    }
    log.typed('abc');
    log.resultsShown('abc', 1);
    log.typed('   '); // cleared before the pause ended
    vi.advanceTimersByTime(IDLE_MS);
    log.flush();
    expect(sent).toEqual([]);
  });

  it('trims, collapses whitespace and truncates a 250-character query to 200', () => {
    const { log, sent } = setup();
    const long = `  ${'a'.repeat(120)}   ${'b'.repeat(129)}  `; // 250 characters once collapsed
    expect(normalizeQuery(long)).toHaveLength(200);
    log.typed(long);
    log.resultsShown(long, 0);
    vi.advanceTimersByTime(IDLE_MS);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.entry.query).toBe(`${'a'.repeat(120)} ${'b'.repeat(79)}`);
    expect(sent[0]?.entry.query).toHaveLength(200);
  });

  it('creates the session id once and keeps it in the store', () => {
    const store = memoryStore();
    const { log, sent } = setup(store);
    expect(store.map.has(SESSION_KEY)).toBe(false); // not before the first log
    log.submitted('one', 1);
    log.submitted('two', 1);
    expect(store.map.get(SESSION_KEY)).toBe(SESSION_ID);
    expect(new Set(sent.map((s) => s.entry.sessionId))).toEqual(new Set([SESSION_ID]));
    expect(JSON.parse(store.map.get(LAST_SENT_KEY) ?? '{}')).toEqual({ query: 'two' });
  });

  it('does not cut a surrogate pair in half when truncating', () => {
    const query = `${'x'.repeat(199)}😀`;
    expect(normalizeQuery(query)).toBe('x'.repeat(199));
  });
});
