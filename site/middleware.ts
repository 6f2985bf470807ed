import { defineMiddleware } from 'astro:middleware';
import { createTranslator } from './i18n/translate.ts';

/** Response headers a page sets to opt into the page cache; stripped before the response leaves. */
export const CACHE_HEADER = 'x-deflect-page-cache';
export const ARTICLE_HEADER = 'x-deflect-article';

/**
 * Runs before every page: resolves the site settings and the page locale once (pages read them from
 * `Astro.locals`), and serves anonymous help-center pages from the page cache.
 */
export const onRequest = defineMiddleware(async (context, next) => {
  const { core, pageCache } = context.locals;
  if (!core) throw new Error('locals.core is missing: start Deflect with `npm start` or `npm run dev`');
  const site = await core.settings.get();
  const firstSegment = context.url.pathname.split('/')[1] ?? '';
  const locale = site.locales.some((l) => l.code === firstSegment) ? firstSegment : site.defaultLocale;
  context.locals.site = site;
  context.locals.locale = locale;
  context.locals.t = createTranslator(locale);

  const cacheable = pageCache && context.request.method === 'GET' && context.url.search === '';
  const key = context.url.pathname;
  if (cacheable) {
    const hit = pageCache.get(key);
    if (hit) {
      if (hit.articleId) core.views.record(hit.articleId);
      return new Response(hit.body, { status: hit.status, headers: hit.headers });
    }
  }
  const response = await next();
  if (!response.headers.has(CACHE_HEADER)) return response;
  const articleId = Number(response.headers.get(ARTICLE_HEADER)) || undefined;
  response.headers.delete(CACHE_HEADER);
  response.headers.delete(ARTICLE_HEADER);
  if (!cacheable || response.status !== 200) return response;
  const body = await response.text();
  const headers = [...response.headers.entries()];
  pageCache.set(key, { status: response.status, headers, body, ...(articleId ? { articleId } : {}) });
  return new Response(body, { status: response.status, headers });
});
