import type { APIRoute } from 'astro';
import { apiError } from '../../../../api/json.ts';
import { rateLimit } from '../../../../api/rate-limits.ts';

/**
 * `GET /api/articles/:id/content` → `{ id, title, description, url, locale, html }` of a published article:
 * what the chat widget's reader shows when a visitor opens an article card. The HTML is the one the
 * article page shows (rendered once by the site's markdown module: raw HTML escaped, unsafe links dropped).
 * Drafts, unpublished and unknown articles answer 404 alike.
 */
export const GET: APIRoute = async ({ locals, params, clientAddress }) => {
  // Misses are not memoised: a per-address limit keeps a script walking ids from reaching the database freely.
  const limited = await rateLimit('article-content', clientAddress, 120);
  if (limited) return limited;
  const id = Number(params.id);
  const article = Number.isInteger(id) && id > 0 ? await locals.core.helpCenter.articleById(id) : undefined;
  if (!article) return apiError(404, 'not_found', 'No published article has this id.');
  const { title, description, url, locale, html } = article;
  return Response.json({ id, title, description, url, locale, html }, { headers: { 'Cache-Control': 'no-cache' } });
};
