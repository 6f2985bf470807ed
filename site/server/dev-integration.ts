import type { AstroIntegration } from 'astro';
import type { App } from './start-app.ts';

/**
 * `npm run dev`: starts the same domain layer as production inside Astro's dev server (so HMR works on
 * pages while the database, importer and caches behave as in `npm start`) and hands it to every request
 * as `locals.core`, the way the production server does.
 */
export default function deflectDevServer(): AstroIntegration {
  let app: App | undefined;
  return {
    name: 'deflect-dev-server',
    hooks: {
      'astro:server:setup': async ({ server }) => {
        // Loaded lazily: `astro build` also reads this file and must not start a database.
        const { startApp } = await import('./start-app.ts');
        const started = await startApp({ NODE_ENV: 'development' });
        app = started;
        server.middlewares.use((req, _res, next) => {
          // A fresh object per request: the middleware adds request-specific fields (locale, t) to it.
          Reflect.set(req, Symbol.for('astro.locals'), { core: started.core, search: started.search });
          next();
        });
      },
      'astro:server:done': async () => {
        await app?.close();
      },
    },
  };
}
