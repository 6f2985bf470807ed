import { SettledSearchLog, type KeyValueStore, type SendOptions, type SettledSearchEntry } from './settled-search.ts';

const LOG_URL = '/api/search/log';

/**
 * sessionStorage when the browser allows it (private modes and sandboxed frames may throw on access),
 * else a copy in memory for this page: logging must never break the search box.
 */
function sessionStore(): KeyValueStore {
  const memory = new Map<string, string>();
  return {
    getItem(key) {
      try {
        return sessionStorage.getItem(key) ?? memory.get(key) ?? null;
      } catch {
        return memory.get(key) ?? null;
      }
    },
    setItem(key, value) {
      memory.set(key, value);
      try {
        sessionStorage.setItem(key, value);
      } catch {
        // the in-memory copy is enough for this page
      }
    },
  };
}

function send(entry: SettledSearchEntry, { unloading }: SendOptions): void {
  const body = JSON.stringify(entry);
  // A beacon outlives the navigation that follows a submit or a click. It carries a plain JSON string
  // (text/plain): a JSON Blob would make it a preflighted request, which beacons cannot do.
  if (unloading && typeof navigator.sendBeacon === 'function' && navigator.sendBeacon(LOG_URL, body)) return;
  // A failed log is not the visitor's problem: no retry, no message.
  fetch(LOG_URL, { method: 'POST', headers: { 'content-type': 'application/json' }, body, keepalive: true }).catch(() => undefined);
}

/** The settled-search log wired to the browser: session storage, beacons, and flushing when the page goes away. */
export function createBrowserSearchLog(locale: string): { log: SettledSearchLog; dispose(): void } {
  const log = new SettledSearchLog({ locale, send, store: sessionStore() });
  const onPageHide = (): void => log.flush();
  const onVisibilityChange = (): void => {
    if (document.visibilityState === 'hidden') log.flush();
  };
  addEventListener('pagehide', onPageHide);
  document.addEventListener('visibilitychange', onVisibilityChange);
  return {
    log,
    dispose() {
      removeEventListener('pagehide', onPageHide);
      document.removeEventListener('visibilitychange', onVisibilityChange);
      log.dispose();
    },
  };
}
