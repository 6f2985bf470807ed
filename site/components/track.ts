import type { ArticleOpenSource } from '../../core/metrics/events.ts';
import { createChatStorage } from './chat/chat-storage.ts';

/** What each widget event carries besides its type (see POST /api/events and core/metrics/METRICS.md). */
export interface TrackedFields {
  widget_open: Record<string, never>;
  widget_search: { query: string; resultCount: number };
  widget_article_open: { articleId: number; source: ArticleOpenSource; conversationId?: number };
  deflection: { articleId: number; conversationId?: number };
}
export type TrackedType = keyof TrackedFields;

const EVENTS_URL = '/api/events';
/** Events wait this long for company, so a burst (open, search, open an article) is one request. */
const FLUSH_DELAY_MS = 3_000;
const MAX_BATCH = 50;

let queue: Record<string, unknown>[] = [];
let timer: ReturnType<typeof setTimeout> | undefined;
let listening = false;

/**
 * Reports a widget event. Batched: sent a few seconds later with whatever else happened, or with a beacon
 * when the page goes away. The locale defaults to the page's (`<html lang>`). Never throws: measuring
 * must not break the widget.
 */
export function track<T extends TrackedType>(type: T, fields: TrackedFields[T] & { locale?: string }): void {
  try {
    queue.push({ locale: document.documentElement.lang.slice(0, 2) || 'en', ...fields, type });
    listenForPageHide();
    if (queue.length >= MAX_BATCH) flush(false);
    else timer ??= setTimeout(() => flush(false), FLUSH_DELAY_MS);
  } catch {
    // No document (a test), storage refused: the event is not worth an error.
  }
}

function flush(unloading: boolean): void {
  if (timer) clearTimeout(timer);
  timer = undefined;
  if (queue.length === 0) return;
  const events = queue.splice(0, MAX_BATCH);
  // The widget's signed token names the visitor where the help-center cookie can't (the chat framed on another site).
  const visitorToken = createChatStorage().token();
  const body = JSON.stringify({ events, ...(visitorToken ? { visitorToken } : {}) });
  // A beacon outlives the page; it carries a plain string (text/plain), as a JSON Blob would need a preflight.
  if (unloading && typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(EVENTS_URL, body)) return;
  fetch(EVENTS_URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body, keepalive: true }).catch(() => undefined);
  if (queue.length > 0) flush(unloading);
}

function listenForPageHide(): void {
  if (listening) return;
  listening = true;
  addEventListener('pagehide', () => flush(true));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') flush(true);
  });
}
