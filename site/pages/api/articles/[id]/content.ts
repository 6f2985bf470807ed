import type { APIRoute } from 'astro';
import { apiError } from '../../../../api/json.ts';
import { rateLimit } from '../../../../api/rate-limits.ts';

/**
 * `GET /api/articles/:id/content` → `{ id, title, description, url, locale, html }` of a published article:
 * what the chat widget's reader shows when a visitor opens an article card. `:id` may also be the article's
 * slug with `?locale=` (the JS API's `Deflect('openArticle', 'refunds')`). The HTML is the one the
 * article page shows (rendered once by the site's markdown module: raw HTML escaped, unsafe links dropped).
 * Drafts, unpublished and unknown articles answer 404 alike.
 */
export const GET: APIRoute = async ({ locals, params, url, clientAddress }) => {
  // Misses are not memoised: a per-address limit keeps a script walking ids from reaching the database freely.
  const limited = await rateLimit('article-content', clientAddress, 120);
  if (limited) return limited;
  const reference = params.id ?? '';
  const article = /^\d+$/.test(reference) ? await locals.core.helpCenter.articleById(Number(reference)) : await bySlug(locals, reference, url.searchParams.get('locale'));
  if (!article) return apiError(404, 'not_found', 'No published article has this id.');
  const { id, title, description, locale, html } = article;
  return Response.json({ id, title, description, url: article.url, locale, html }, { headers: { 'Cache-Control': 'no-cache' } });
};

/** A slug names an article only within a locale; without a known locale there is nothing to find. */
function bySlug(locals: App.Locals, slug: string, locale: string | null) {
  if (!locale || !locals.site.locales.some((l) => l.code === locale) || slug.length > 200) return Promise.resolve(undefined);
  return locals.core.helpCenter.articleBySlug(locale, slug);
}
