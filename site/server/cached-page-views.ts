import type { IncomingMessage } from 'node:http';
import { parseCookie, stringifySetCookie } from 'cookie';
import type { Core } from '../../core/app.ts';
import type { PageView } from '../../core/metrics/page-views.ts';
import { VISITOR_COOKIE, visitorCookieOptions } from '../api/visitor-cookie.ts';

/**
 * The page cache's `onPageView`: counts a page served from memory for the visitor of its cookie, and answers
 * the Set-Cookie value for a new visitor (what site/page-views.ts does for rendered pages).
 */
export function cachedPageViewCounter(core: Core): (view: PageView, req: IncomingMessage) => string | undefined {
  const options = visitorCookieOptions(core.config.PUBLIC_URL);
  return (view, req) => {
    const visitorToken = req.headers.cookie ? parseCookie(req.headers.cookie)[VISITOR_COOKIE] : undefined;
    const token = core.metrics.pageViews.record(view, { visitorToken, userAgent: req.headers['user-agent'] });
    return token ? stringifySetCookie({ name: VISITOR_COOKIE, value: token, ...options }) : undefined;
  };
}
