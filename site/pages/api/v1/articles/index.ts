import { articleRefusal, createArticle } from '../../../../api/v1/article-writes.ts';
import { parseJsonBody, parseQuery } from '../../../../api/v1/parse-input.ts';
import { v1Json } from '../../../../api/v1/responses.ts';
import { articleCreateBody, articleListQuery } from '../../../../api/v1/schemas.ts';
import { tokenRoute } from '../../../../api/v1/token-route.ts';

/** `GET /api/v1/articles?locale&collection&status&limit&cursor` → a page of articles (no bodies), in id order. */
export const GET = tokenRoute('articles:read', async ({ core, url }) => {
  const query = parseQuery(articleListQuery, url);
  if (query.response) return query.response;
  const { locale, collection, status, limit, cursor } = query.data;
  return v1Json(await core.rest.articles({ locale, collectionId: collection, status, limit, afterId: cursor ? Number(cursor) : undefined }));
});

/** `POST /api/v1/articles` → 201 with the new article (a draft unless `status: published`). */
export const POST = tokenRoute('articles:write', async ({ core, holder, request }) => {
  const input = await parseJsonBody(articleCreateBody, request);
  if (input.response) return input.response;
  try {
    const id = await createArticle(core, holder.staff, input.data);
    return v1Json(await core.rest.article(id), { status: 201, headers: { Location: `/api/v1/articles/${id}` } });
  } catch (error) {
    return articleRefusal(error);
  }
});
