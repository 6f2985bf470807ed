import { parseParams } from '../../../../api/v1/parse-input.ts';
import { notFound, v1Json } from '../../../../api/v1/responses.ts';
import { idParams } from '../../../../api/v1/schemas.ts';
import { tokenRoute } from '../../../../api/v1/token-route.ts';

/** `GET /api/v1/conversations/:id` → one conversation (its messages: `/messages`). */
export const GET = tokenRoute('conversations:read', async ({ core, params }) => {
  const path = parseParams(idParams, params, 'conversation');
  if (path.response) return path.response;
  const conversation = await core.rest.conversation(path.data.id);
  return conversation ? v1Json(conversation) : notFound('conversation');
});
