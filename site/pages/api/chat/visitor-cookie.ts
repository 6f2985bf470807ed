import type { APIRoute } from 'astro';
import { z } from 'zod';
import { isCrossSiteRequest } from '../../../../admin/cross-site.ts';
import { apiError, describeIssues } from '../../../api/json.ts';
import { rateLimit } from '../../../api/rate-limits.ts';
import { VISITOR_COOKIE, visitorCookieOptions } from '../../../api/visitor-cookie.ts';

const visitorCookieSchema = z.object({ token: z.string().min(1).max(200) });

/**
 * `POST /api/chat/visitor-cookie { token }` → 204: the widget hands over its visitor token (when the handshake
 * said the help center's cookie is missing or names someone else), and the `deflect_visitor` cookie is set to
 * it, so the visitor's next reactions are recorded as the chat's visitor. Same-origin only: another site must
 * not pin a visitor's browser to a visitor of its choosing (whose chat history the widget would then show).
 * 400 for a token this help center did not sign; nothing is set then.
 */
export const POST: APIRoute = async ({ locals, request, url, cookies, clientAddress }) => {
  const { core } = locals;
  if (isCrossSiteRequest(request, [url.origin, new URL(core.config.PUBLIC_URL).origin])) return apiError(403, 'forbidden_origin', 'Cross-site request refused.');
  const limited = await rateLimit('visitor-cookie', clientAddress, 30);
  if (limited) return limited;
  const parsed = visitorCookieSchema.safeParse(await request.json().catch(() => undefined));
  if (!parsed.success) return apiError(400, 'invalid_request', describeIssues(parsed.error));
  const visitor = await core.chat.visitorFromToken(parsed.data.token);
  if (visitor.issued) return apiError(400, 'invalid_request', 'token: not a visitor token of this help center');
  cookies.set(VISITOR_COOKIE, parsed.data.token, visitorCookieOptions(core.config.PUBLIC_URL));
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
};
