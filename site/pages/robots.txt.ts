import type { APIRoute } from 'astro';

/** Crawlers may read the help center but not the admin or the APIs. */
export const GET: APIRoute = ({ locals }) =>
  new Response(['User-agent: *', 'Disallow: /admin', 'Disallow: /api/', `Sitemap: ${locals.core.config.PUBLIC_URL}/sitemap.xml`, ''].join('\n'), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
