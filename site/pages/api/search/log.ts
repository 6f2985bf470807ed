import type { APIRoute } from 'astro';
import { apiError, describeIssues } from '../../../api/json.ts';
import { rateLimit } from '../../../api/rate-limits.ts';
import { VISITOR_COOKIE } from '../../../api/visitor-cookie.ts';
import { searchLogSchema } from './_schemas.ts';

/** Per client address per minute: a person settles a few searches a minute, not hundreds. */
const LOG_LIMIT_PER_MINUTE = 30;

/**
 * `POST /api/search/log`: the search box reports a settled search (JSON, or a JSON string sent with
 * navigator.sendBeacon as text/plain). 204 on success; the log keeps the query and ids, never the address.
 */
export const POST: APIRoute = async ({ request, locals, cookies, clientAddress }) => {
  const limited = await rateLimit('search-log', clientAddress, LOG_LIMIT_PER_MINUTE);
  if (limited) return limited;
  let body: unknown;
  try {
    body = JSON.parse(await request.text());
  } catch {
    return apiError(400, 'invalid_request', 'body: not valid JSON');
  }
  const parsed = searchLogSchema.safeParse(body);
  if (!parsed.success) return apiError(400, 'invalid_request', describeIssues(parsed.error));
  if (!locals.site.locales.some((l) => l.code === parsed.data.locale)) return apiError(400, 'invalid_request', 'locale: unknown locale');
  // The visitor of the help-center cookie (never a new one: a search alone does not make a visitor).
  const visitor = await locals.core.chat.visitorFromToken(cookies.get(VISITOR_COOKIE)?.value);
  await locals.search.recordSettledSearch({ ...parsed.data, ...(visitor.issued ? {} : { visitorId: visitor.visitorId }) });
  return new Response(null, { status: 204 });
};
