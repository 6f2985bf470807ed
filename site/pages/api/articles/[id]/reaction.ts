import type { APIRoute } from 'astro';
import { z } from 'zod';
import { apiError, describeIssues } from '../../../../api/json.ts';
import { rateLimit } from '../../../../api/rate-limits.ts';
import { visitorOfRequest } from '../../../../api/visitor-cookie.ts';

// `returnTo` is a path on this site: "/…" but never "//host" or "/\\host", which browsers read as another site.
const reactionSchema = z.object({ reaction: z.enum(['sad', 'neutral', 'happy']), returnTo: z.string().regex(/^\/(?![/\\])/).max(500).optional() });

/**
 * `POST /api/articles/:id/reaction {reaction: sad | neutral | happy}` → the article's counts. One reaction per
 * visitor (a signed visitor id in an HttpOnly cookie, issued on first use); reacting again replaces it;
 * 30 reactions a minute per client address.
 * A plain form post (the no-JavaScript fallback) is redirected back to the article.
 */
export const POST: APIRoute = async ({ locals, params, request, cookies, redirect, clientAddress }) => {
  // A new visitor id is free (clear the cookie): the per-address limit is what keeps votes from being stacked by a script.
  const limited = await rateLimit('reaction', clientAddress, 30);
  if (limited) return limited;
  const isForm = (request.headers.get('content-type') ?? '').includes('application/x-www-form-urlencoded');
  const raw = isForm ? Object.fromEntries(await request.formData()) : await request.json().catch(() => undefined);
  const parsed = reactionSchema.safeParse(raw);
  const articleId = Number(params.id);
  if (!parsed.success || !Number.isInteger(articleId)) return apiError(400, 'invalid_request', parsed.success ? 'id: not an article id' : describeIssues(parsed.error));
  const visitorId = await visitorOfRequest(locals, cookies);
  try {
    const counts = await locals.core.articles.react(articleId, visitorId, parsed.data.reaction);
    if (isForm) return redirect(`${parsed.data.returnTo ?? '/'}#article-feedback`, 303);
    return Response.json({ reaction: parsed.data.reaction, counts }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    if ((error as Error).name === 'ReactionRefusedError') return apiError(404, 'not_found', (error as Error).message);
    throw error;
  }
};
