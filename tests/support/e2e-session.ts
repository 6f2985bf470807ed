import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './browser.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

/** The built server on a fresh database plus a Chromium, for the tests of one file. */
export interface E2eSession {
  server: ServerProcess;
  browser: Browser;
}

/**
 * Starts both before the file's tests and stops both after them. Read the fields inside tests only.
 * `overrides` may be a function, read when the server starts: after the `beforeAll` hooks registered
 * before this call (e.g. one that starts a mail server whose address the server needs).
 */
export function useServerAndBrowser(overrides: NodeJS.ProcessEnv | (() => NodeJS.ProcessEnv) = {}): E2eSession {
  const session = {} as E2eSession;
  beforeAll(async () => {
    const env = typeof overrides === 'function' ? overrides() : overrides;
    [session.server, session.browser] = await Promise.all([startServerProcess(env), launchBrowser()]);
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.stop();
  });
  return session;
}
