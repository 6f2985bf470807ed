import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from '../../core/config.ts';
import { PageCache } from './page-cache.ts';
import { startCore } from './start-core.ts';
import { createStaticFiles } from './static-files.ts';

type AstroHandler = (req: IncomingMessage, res: ServerResponse, next: () => void, locals: object) => Promise<void>;

/**
 * The production process: one HTTP server on one port serving built assets, then every page and API
 * route through Astro's handler, with the domain layer handed to each request. Chat (socket.io) attaches
 * to this same server.
 */
async function main(): Promise<void> {
  const core = await startCore();
  const { config, logger } = core;
  const distDir = path.resolve('dist');
  const { handler } = (await import(pathToFileURL(path.join(distDir, 'server', 'entry.mjs')).href)) as { handler: AstroHandler };
  const staticFiles = createStaticFiles(path.join(distDir, 'client'));
  const pageCache = new PageCache();
  core.events.on('content.changed', () => pageCache.clear());
  core.events.on('settings.changed', () => pageCache.clear());

  const server = createServer((req, res) => {
    staticFiles(req, res, () => {
      void handler(req, res, () => notFound(res), { core, pageCache });
    });
  });
  server.keepAliveTimeout = 65_000; // longer than common load-balancer idle timeouts
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
    server.close();
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.on('close', resolve));
    await core.close();
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
