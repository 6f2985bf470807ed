import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import send from 'send';

/**
 * Serves the built client assets (`dist/client`): @astrojs/node's middleware mode leaves that to the host
 * server. Hashed files under `/_astro/` are immutable; anything else is revalidated. Calls `next` when
 * there is no such file, so the request falls through to the pages.
 */
export function createStaticFiles(clientDir: string) {
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (pathname === '/' || !path.extname(pathname)) return next();
    send(req, pathname, { root: clientDir, index: false, dotfiles: 'deny', immutable: pathname.startsWith('/_astro/'), maxAge: pathname.startsWith('/_astro/') ? '1y' : 0 })
      .on('error', () => next())
      .pipe(res);
  };
}
