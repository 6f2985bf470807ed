import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

const pagesDir = fileURLToPath(new URL('./pages/', import.meta.url));

/**
 * The admin and operator app lives in admin/; this integration mounts its pages under /admin with the same
 * file-based routing as site/pages: `admin/pages/users/[id].astro` serves `/admin/users/[id]`.
 */
export default function deflectAdmin(): AstroIntegration {
  return {
    name: 'deflect-admin',
    hooks: {
      'astro:config:setup': ({ injectRoute }) => {
        for (const file of readdirSync(pagesDir, { recursive: true, encoding: 'utf8' })) {
          if (!/\.(astro|ts)$/.test(file) || path.basename(file).startsWith('_')) continue;
          const route = file.split(path.sep).join('/').replace(/\.(astro|ts)$/, '').replace(/(^|\/)index$/, '');
          injectRoute({ pattern: route ? `/admin/${route}` : '/admin', entrypoint: `./admin/pages/${file.split(path.sep).join('/')}` });
        }
      },
    },
  };
}
