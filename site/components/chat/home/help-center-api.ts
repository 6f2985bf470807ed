import type { HomeRequest } from './home-request.ts';
import { parseHomeRequest } from './home-request.ts';

/** A `Deflect(...)` call on the help center's own pages, as the launcher runs it. */
export type HelpCenterCommand = { name: 'open' } | { name: 'close' } | { name: 'home'; request: HomeRequest };

type DeflectFunction = ((...args: unknown[]) => void) & { q?: ArrayLike<unknown>[]; loaded?: boolean };

/** Turns one call (`['openArticle', 'refunds']`) into a command, or a message for the page's developer. */
export function parseHelpCenterCall(call: ArrayLike<unknown>): { ok: true; command: HelpCenterCommand } | { ok: false; message: string } {
  const [name, argument] = Array.from(call);
  if (name === 'open' || name === 'close') return { ok: true, command: { name } };
  if (name === 'openArticle' || name === 'search') {
    const parsed = parseHomeRequest(name, argument);
    return parsed.ok ? { ok: true, command: { name: 'home', request: parsed.request } } : parsed;
  }
  return { ok: false, message: `unknown command "${String(name).slice(0, 50)}" (the help center takes open, close, openArticle, search)` };
}

/**
 * `window.Deflect` on help-center pages, the same calls a host site makes to the embedded chat. The page's
 * stub (ChatWidget.astro) queues calls made before the launcher hydrated; they run now, in order, then
 * each call runs at once. A malformed call changes nothing and says why in the console.
 */
export function installHelpCenterApi(run: (command: HelpCenterCommand) => void): () => void {
  const window_ = globalThis as unknown as { Deflect?: DeflectFunction };
  const queued = window_.Deflect?.q ?? [];
  const call = (args: ArrayLike<unknown>) => {
    const parsed = parseHelpCenterCall(args);
    if (parsed.ok) run(parsed.command);
    else console.warn(`Deflect: ${parsed.message}`);
  };
  const deflect: DeflectFunction = (...args) => call(args);
  deflect.loaded = true;
  window_.Deflect = deflect;
  for (const args of queued) call(args);
  return () => {
    if (window_.Deflect === deflect) delete window_.Deflect;
  };
}
