import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { attachChatServer } from '../../chat-server/chat-server.ts';
import { ConfigError } from '../../core/config.ts';
import { cachedPageViewCounter } from './cached-page-views.ts';
import { PageCache, serveCachedPage } from './page-cache.ts';
import { startApp } from './start-app.ts';
import { createStaticFiles } from './static-files.ts';

type AstroHandler = (req: IncomingMessage, res: ServerResponse, next: () => void, locals: object) => Promise<void>;

/**
 * The production process: one HTTP server on one port serving built assets, then every page and API
 * route through Astro's handler, with the domain layer handed to each request. Chat (socket.io) attaches
 * to this same server.
 */
async function main(): Promise<void> {
  const app = await startApp();
  const { core, search } = app;
  const { config, logger } = core;
  const distDir = path.resolve('dist');
  const { handler } = (await import(pathToFileURL(path.join(distDir, 'server', 'entry.mjs')).href)) as { handler: AstroHandler };
  const staticFiles = createStaticFiles(path.join(distDir, 'client'));
  const pageCache = new PageCache();
  core.events.on('content.changed', () => pageCache.clear());
  core.events.on('settings.changed', () => pageCache.clear());

  const countPageView = cachedPageViewCounter(core);
  const server = createServer((req, res) => {
    if (serveCachedPage(req, res, pageCache, (id) => core.views.record(id), countPageView)) return;
    staticFiles(req, res, () => {
      void handler(req, res, () => notFound(res), { core, search, pageCache });
    });
  });
  server.keepAliveTimeout = 65_000; // longer than common load-balancer idle timeouts
  const chat = attachChatServer(server, core, { search });
  await new Promise<void>((resolve) => server.listen(config.PORT, config.HOST, resolve));
  logger.info(`Deflect is running at ${config.PUBLIC_URL}`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: finishing in-flight requests');
    const forced = setTimeout(() => {
      logger.error('shutdown timed out; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    forced.unref();
    // Keep-alive connections become idle as their last response finishes: close them as they do.
    const reaper = setInterval(() => server.closeIdleConnections(), 50);
    // Closing chat disconnects its sockets (open WebSockets would keep the server from closing; clients
    // reconnect to another instance, or to this one after a restart, and catch up from the database), then
    // closes the HTTP server, waiting for in-flight requests.
    await chat.close();
    clearInterval(reaper);
    await app.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

function notFound(res: ServerResponse): void {
  res.statusCode = 404;
  res.end('Not found');
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) console.error(error.message);
  else console.error('Deflect failed to start:', error);
  process.exit(1);
});
