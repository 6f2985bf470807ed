import { articleRefusal, editorSave } from '../../../../api/v1/article-writes.ts';
import { parseJsonBody, parseParams } from '../../../../api/v1/parse-input.ts';
import { notFound, v1Json } from '../../../../api/v1/responses.ts';
import { articleUpdateBody, idParams } from '../../../../api/v1/schemas.ts';
import { tokenRoute } from '../../../../api/v1/token-route.ts';

/** `GET /api/v1/articles/:id` → the article with its markdown and `version`. */
export const GET = tokenRoute('articles:read', async ({ core, params }) => {
  const path = parseParams(idParams, params, 'article');
  if (path.response) return path.response;
  const article = await core.rest.article(path.data.id);
  return article ? v1Json(article) : notFound('article');
});

/**
 * `PATCH /api/v1/articles/:id {baseVersion, …fields}` → the saved article. Saved exactly as the editor
 * saves (new version, audit, search update); a stale `baseVersion` → 409 and nothing changes.
 */
export const PATCH = tokenRoute('articles:write', async ({ core, holder, params, request }) => {
  const path = parseParams(idParams, params, 'article');
  if (path.response) return path.response;
  const current = await core.rest.article(path.data.id);
  if (!current) return notFound('article');
  const change = await parseJsonBody(articleUpdateBody, request);
  if (change.response) return change.response;
  try {
    await core.articles.save(holder.staff, current.id, editorSave(current, change.data));
    return v1Json(await core.rest.article(current.id));
  } catch (error) {
    return articleRefusal(error);
  }
});
