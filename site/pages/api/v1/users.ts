import { tokenRoute } from '../../../api/v1/token-route.ts';
import { v1Json } from '../../../api/v1/responses.ts';

/** `GET /api/v1/users` → the staff: id, name, roles, active. No email addresses (see README "API"). */
export const GET = tokenRoute('users:read', async ({ core }) => v1Json({ data: await core.rest.users() }));
