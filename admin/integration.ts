import type { AstroIntegration } from 'astro';

/** The admin and operator app lives in admin/; this integration mounts its pages under /admin. */
export default function deflectAdmin(): AstroIntegration {
  return {
    name: 'deflect-admin',
    hooks: {
      'astro:config:setup': ({ injectRoute }) => {
        injectRoute({ pattern: '/admin', entrypoint: './admin/pages/index.astro' });
        injectRoute({ pattern: '/admin/login', entrypoint: './admin/pages/login.astro' });
        injectRoute({ pattern: '/admin/logout', entrypoint: './admin/pages/logout.ts' });
        injectRoute({ pattern: '/admin/setup', entrypoint: './admin/pages/setup.astro' });
      },
    },
  };
}
