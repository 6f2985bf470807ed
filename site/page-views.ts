import { defineMiddleware } from 'astro:middleware';
import { VISITOR_COOKIE, visitorCookieOptions } from './api/visitor-cookie.ts';

/**
 * Counts a `page_view` for each help-center page rendered (the page says what it shows in
 * `locals.pageView`; admin pages, API routes, the embed frame and assets never do) and gives a new visitor
 * the `deflect_visitor` cookie. Pages served from the page cache are counted by the server instead (see
 * site/server/page-cache.ts). Astro sends cookies set here outside the response's headers, so the cached
 * copy of a page never carries one visitor's cookie to everyone.
 */
export const recordPageViews = defineMiddleware(async (context, next) => {
  const response = await next();
  const view = context.locals.pageView;
  if (!view || context.request.method !== 'GET' || response.status !== 200) return response;
  const { core } = context.locals;
  const token = core.metrics.pageViews.record(view, { visitorToken: context.cookies.get(VISITOR_COOKIE)?.value, userAgent: context.request.headers.get('user-agent') ?? undefined });
  if (token) context.cookies.set(VISITOR_COOKIE, token, visitorCookieOptions(core.config.PUBLIC_URL));
  return response;
});
