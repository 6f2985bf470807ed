import type { APIRoute } from 'astro';
import { z } from 'zod';
import { apiError, describeIssues } from '../../../api/json.ts';
import { rateLimit } from '../../../api/rate-limits.ts';

const resumeSchema = z.object({ token: z.string().min(1).max(300) });

/**
 * `POST /api/chat/resume { token }` → `{ token, visitorId, conversationId }`: the widget exchanges the token of a
 * chat email's link (`#chat-resume=…`, see core/chat/email/resume-link.ts) for the visitor's chat token, then
 * opens that conversation. 404 when the link is forged or expired. POST only, so a mail scanner that fetches
 * the link (a GET) learns nothing.
 */
export const POST: APIRoute = async ({ locals, request, clientAddress }) => {
  const limited = await rateLimit('chat-resume', clientAddress, 30);
  if (limited) return limited;
  const parsed = resumeSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) return apiError(400, 'invalid_request', describeIssues(parsed.error));
  const resumed = await locals.core.chatEmail.resume(parsed.data.token);
  if (!resumed) return apiError(404, 'not_found', 'This link is not valid or has expired; start a new chat.');
  return Response.json(resumed, { headers: { 'Cache-Control': 'no-store' } });
};
