import type { APIRoute } from 'astro';
import { z } from 'zod';
import { apiError, describeIssues } from '../../../site/api/json.ts';
import { apiGuard } from '../../guard.ts';

/** Which alerts to mark read: one of the caller's, or all of them. */
const markReadSchema = z.union([z.object({ id: z.number().int().positive() }).strict(), z.object({ all: z.literal(true) }).strict()], 'send {"id": <alert id>} or {"all": true}');

const NO_STORE = { 'Cache-Control': 'no-store' };

/** `GET /admin/api/notifications` → `{notifications, unread}`: the signed-in person's alerts (the bell). */
export const GET: APIRoute = async ({ locals }) => {
  const denied = apiGuard(locals, 'admin.view');
  if (denied) return denied;
  return Response.json(await locals.core.notifications.inbox(locals.staff!.id), { headers: NO_STORE });
};

/** `POST /admin/api/notifications {id} | {all: true}` → `{notifications, unread}` after marking them read. */
export const POST: APIRoute = async ({ locals, request }) => {
  const denied = apiGuard(locals, 'admin.view');
  if (denied) return denied;
  const parsed = markReadSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) return apiError(400, 'invalid_request', describeIssues(parsed.error));
  return Response.json(await locals.core.notifications.markRead(locals.staff!.id, parsed.data), { headers: NO_STORE });
};
