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
    const started = performance.now();
    const result = await locals.search.search({ q, locale, limit, offset, ...(collection ? { collection } : {}) });
    // Server-Timing shows in the browser's network panel (and bench:search reads it) how much of a
    // response's time was the search itself rather than the request around it.
    const searchMs = (performance.now() - started).toFixed(2);
    return Response.json(
      presentSearchResult(q, result),
      { headers: { 'Cache-Control': 'no-store', 'Server-Timing': `search;dur=${searchMs}` } },
    );
  } catch (error) {
    if (!(error instanceof SearchUnavailableError)) locals.core.logger.error({ err: error }, 'search failed');
    return apiError(503, 'search_unavailable', 'Search is temporarily unavailable. Please try again in a moment.');
  }
};
