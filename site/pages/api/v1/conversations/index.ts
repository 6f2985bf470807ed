import { parseQuery } from '../../../../api/v1/parse-input.ts';
import { v1Json } from '../../../../api/v1/responses.ts';
import { conversationListQuery } from '../../../../api/v1/schemas.ts';
import { tokenRoute } from '../../../../api/v1/token-route.ts';

/** `GET /api/v1/conversations?status&assignee&limit&cursor` → a page of conversations, newest first. */
export const GET = tokenRoute('conversations:read', async ({ core, url }) => {
  const query = parseQuery(conversationListQuery, url);
  if (query.response) return query.response;
  const { status, assignee, limit, cursor } = query.data;
  return v1Json(await core.rest.conversations({ status, assignee, limit, beforeId: cursor ? Number(cursor) : undefined }));
});
