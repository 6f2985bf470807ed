import { SettledSearchLog, type KeyValueStore } from '../../search/settled-search.ts';
import { track } from '../../track.ts';

/**
 * Records the widget's searches as `widget_search` events once they settle (the rules of settled-search.ts:
 * a pause in typing with results shown, or a result opened), never each prefix typed. Its memory of what
 * was sent is its own, so a search in the widget and the same one in the page's box both count.
 */
export function createWidgetSearchLog(locale: string): SettledSearchLog {
  const memory = new Map<string, string>();
  const store: KeyValueStore = { getItem: (key) => memory.get(key) ?? null, setItem: (key, value) => void memory.set(key, value) };
  return new SettledSearchLog({ locale, store, send: ({ query, resultCount }) => track('widget_search', { query, resultCount, locale }) });
}
