import type { APIRoute } from 'astro';
import { SearchUnavailableError } from '../../../search/engine.ts';
import { presentSearchResult } from '../../../search/presenters.ts';
import { apiError, describeIssues } from '../../api/json.ts';
import { rateLimit } from '../../api/rate-limits.ts';
import { searchParamsSchema } from './search/_schemas.ts';

/** Instant search: `GET /api/search?q=&locale=&collection=&limit=&offset=`. */
export const GET: APIRoute = async ({ url, locals, clientAddress }) => {
  const limited = await rateLimit('search', clientAddress, locals.core.config.SEARCH_RATE_LIMIT_PER_MINUTE);
  if (limited) return limited;
  const parsed = searchParamsSchema.safeParse(Object.fromEntries(url.searchParams));
  if (!parsed.success) return apiError(400, 'invalid_request', describeIssues(parsed.error));
  const { q, locale, collection, limit, offset } = parsed.data;
  if (!locals.site.locales.some((l) => l.code === locale)) return apiError(400, 'invalid_request', `locale: unknown locale "${locale}"`);
  try {
    const result = await locals.search.search({ q, locale, limit, offset, ...(collection ? { collection } : {}) });
    return Response.json(
      presentSearchResult(q, result),
      { headers: { 'Cache-Control': 'no-store' } },
    );
  } catch (error) {
    if (!(error instanceof SearchUnavailableError)) locals.core.logger.error({ err: error }, 'search failed');
    return apiError(503, 'search_unavailable', 'Search is temporarily unavailable. Please try again in a moment.');
  }
};
