import type { AstroIntegration } from 'astro';
import type { Server as HttpServer } from 'node:http';
import type { ChatServer } from '../../chat-server/chat-server.ts';
import type { App } from './start-app.ts';

/**
 * `npm run dev`: starts the same domain layer as production inside Astro's dev server (so HMR works on
 * pages while the database, importer and caches behave as in `npm start`) and hands it to every request
 * as `locals.core`, the way the production server does; chat (socket.io) attaches to the same port.
 */
export default function deflectDevServer(): AstroIntegration {
  let app: App | undefined;
  let chat: ChatServer | undefined;
  return {
    name: 'deflect-dev-server',
    hooks: {
      'astro:server:setup': async ({ server }) => {
        // Loaded lazily: `astro build` also reads this file and must not start a database.
        const { startApp } = await import('./start-app.ts');
        const started = await startApp({ NODE_ENV: 'development' });
        app = started;
        // Chat on the dev server's own port too, as in production.
        const { attachChatServer } = await import('../../chat-server/chat-server.ts');
        if (server.httpServer) chat = attachChatServer(server.httpServer as HttpServer, started.core, { search: started.search });
        server.middlewares.use((req, _res, next) => {
          // A fresh object per request: the middleware adds request-specific fields (locale, t) to it.
          Reflect.set(req, Symbol.for('astro.locals'), { core: started.core, search: started.search });
          next();
        });
      },
      'astro:server:done': async () => {
        await chat?.close();
        await app?.close();
      },
    },
  };
}
