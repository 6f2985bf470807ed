import { defineMiddleware, sequence } from 'astro:middleware';
import { createTranslator } from './i18n/translate.ts';
import { isCrossSiteRequest } from '../admin/cross-site.ts';
import { SESSION_COOKIE } from '../admin/session-cookie.ts';
import { isCacheableRequest } from './server/page-cache.ts';
import { recordPageViews } from './page-views.ts';

/** Response headers a page sets to opt into the page cache; stripped before the response leaves. */
export const CACHE_HEADER = 'x-deflect-page-cache';
export const ARTICLE_HEADER = 'x-deflect-article';

/**
 * Runs around every page: resolves the site settings and the page locale once (pages read them from
 * `Astro.locals`), and stores pages that opted in into the page cache (the server answers hits itself,
 * before Astro, see site/server/page-cache.ts).
 */
const helpCenterRequest = defineMiddleware(async (context, next) => {
  const { core, pageCache } = context.locals;
  if (!core) throw new Error('locals.core is missing: start Deflect with `npm start` or `npm run dev`');
  const site = await core.settings.get();
  const firstSegment = context.url.pathname.split('/')[1] ?? '';
  const locale = site.locales.some((l) => l.code === firstSegment) ? firstSegment : site.defaultLocale;
  context.locals.site = site;
  context.locals.locale = locale;
  context.locals.t = createTranslator(locale);
  if (context.url.pathname === '/admin' || context.url.pathname.startsWith('/admin/')) {
    if (isCrossSiteRequest(context.request, [context.url.origin, new URL(core.config.PUBLIC_URL).origin])) return new Response('Forbidden: cross-site request refused.', { status: 403 });
    const staff = await core.accounts.resolveSession(context.cookies.get(SESSION_COOKIE)?.value);
    if (staff) context.locals.staff = staff;
  }

  const response = await next();
  // No other site may frame the help center or the admin (clickjacking); the embeddable chat frame sets
  // its own policy naming the allowed origins (site/pages/embed/frame.astro).
  const isPage = response.headers.get('content-type')?.startsWith('text/html') ?? false;
  if (isPage && !response.headers.has('content-security-policy')) response.headers.set('content-security-policy', "frame-ancestors 'self'");
  if (!response.headers.has(CACHE_HEADER)) return response;
  const articleId = Number(response.headers.get(ARTICLE_HEADER)) || undefined;
  response.headers.delete(CACHE_HEADER);
  response.headers.delete(ARTICLE_HEADER);
  if (!pageCache || !isCacheableRequest(context.request.method, context.url.search) || response.status !== 200) return response;
  const body = await response.text();
  const headers = Object.fromEntries(response.headers);
  pageCache.set(context.url.pathname, { status: response.status, headers, body, ...(articleId ? { articleId } : {}), ...(context.locals.pageView ? { view: context.locals.pageView } : {}) });
  return new Response(body, { status: response.status, headers });
});

export const onRequest = sequence(helpCenterRequest, recordPageViews);
