import { tokenAllows } from '../../../../../../core/accounts/index.ts';
import { parseParams, parseQuery } from '../../../../../api/v1/parse-input.ts';
import { notFound, v1Json } from '../../../../../api/v1/responses.ts';
import { idParams, messageListQuery } from '../../../../../api/v1/schemas.ts';
import { tokenRoute } from '../../../../../api/v1/token-route.ts';

/**
 * `GET /api/v1/conversations/:id/messages?after&limit` → messages after a sequence number, oldest first.
 * Internal notes are included only for a token with `conversations:notes`.
 */
export const GET = tokenRoute('conversations:read', async ({ core, holder, params, url }) => {
  const path = parseParams(idParams, params, 'conversation');
  if (path.response) return path.response;
  const query = parseQuery(messageListQuery, url);
  if (query.response) return query.response;
  if (!(await core.rest.conversation(path.data.id))) return notFound('conversation');
  const includeNotes = tokenAllows(holder.staff, holder.scopes, 'conversations:notes');
  return v1Json(await core.rest.messages(path.data.id, { ...query.data, includeNotes }));
});
