import { tokenRoute } from '../../../api/v1/token-route.ts';
import { v1Json } from '../../../api/v1/responses.ts';

/** `GET /api/v1/collections` → every collection in every language (a short list: no paging). */
export const GET = tokenRoute('articles:read', async ({ core }) => v1Json({ data: await core.rest.collections() }));
