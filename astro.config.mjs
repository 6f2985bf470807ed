// @ts-check
import node from '@astrojs/node';
import svelte from '@astrojs/svelte';
import { defineConfig } from 'astro/config';
import deflectAdmin from './admin/integration.ts';
import deflectDevServer from './site/server/dev-integration.ts';

/**
 * The help center and admin are server-rendered on every request (content lives in PostgreSQL, not in the
 * build). In production `site/server/main.ts` mounts the built handler (middleware mode) on its own HTTP
 * server; in `npm run dev` the integration below gives Astro's dev server the same domain layer.
 */
export default defineConfig({
  srcDir: './site',
  publicDir: './site/public',
  output: 'server',
  adapter: node({ mode: 'middleware' }),
  integrations: [svelte(), deflectAdmin(), deflectDevServer()],
  trailingSlash: 'ignore',
  devToolbar: { enabled: false },
  security: { checkOrigin: true },
});
