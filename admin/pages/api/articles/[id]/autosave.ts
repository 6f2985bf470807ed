import type { APIRoute } from 'astro';
import { autosaveSchema } from '../../../../../core/articles/editor/article-fields.ts';
import { apiError, describeIssues } from '../../../../../site/api/json.ts';
import { apiGuard } from '../../../../guard.ts';

/**
 * `POST /admin/api/articles/:id/autosave {baseVersion, title, description, body, tags}`: keeps what the
 * editor has typed, for this person only, until they save or discard it. `DELETE` discards it.
 */
export const POST: APIRoute = async ({ locals, params, request }) => {
  const denied = apiGuard(locals, 'articles.write');
  if (denied) return denied;
  const articleId = Number(params.id);
  const parsed = autosaveSchema.safeParse(await request.json().catch(() => undefined));
  if (!Number.isInteger(articleId) || !parsed.success) return apiError(400, 'invalid_request', parsed.success ? 'id: not an article id' : describeIssues(parsed.error));
  try {
    const savedAt = await locals.core.articles.autosave(locals.staff!.id, articleId, parsed.data);
    return Response.json({ savedAt: savedAt.toISOString() }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    if ((error as Error).name === 'ArticleEditRefusedError') return apiError(404, 'not_found', (error as Error).message);
    throw error;
  }
};

export const DELETE: APIRoute = async ({ locals, params }) => {
  const denied = apiGuard(locals, 'articles.write');
  if (denied) return denied;
  const articleId = Number(params.id);
  if (!Number.isInteger(articleId)) return apiError(400, 'invalid_request', 'id: not an article id');
  await locals.core.articles.discardAutosave(locals.staff!.id, articleId);
  return new Response(null, { status: 204 });
};
