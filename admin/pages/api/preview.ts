import type { APIRoute } from 'astro';
import { z } from 'zod';
import { MAX_BODY_LENGTH } from '../../../core/articles/editor/article-fields.ts';
import { apiError, describeIssues } from '../../../site/api/json.ts';
import { apiGuard } from '../../guard.ts';

const previewSchema = z.object({ body: z.string().max(MAX_BODY_LENGTH) });

/** `POST /admin/api/preview {body}` → `{html}`: the editor's live preview, from the site's own renderer. */
export const POST: APIRoute = async ({ locals, request }) => {
  const denied = apiGuard(locals, 'articles.write');
  if (denied) return denied;
  const parsed = previewSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) return apiError(400, 'invalid_request', describeIssues(parsed.error));
  const { html } = await locals.core.articles.preview(parsed.data.body);
  return Response.json({ html }, { headers: { 'Cache-Control': 'no-store' } });
};
