import type { APIRoute } from 'astro';
import { can } from '../../../../core/accounts/index.ts';
import { ATTACHMENT_MAX_BYTES } from '../../../../core/chat/attachments.ts';
import { isCrossSiteRequest } from '../../../../admin/cross-site.ts';
import { SESSION_COOKIE } from '../../../../admin/session-cookie.ts';
import { apiError } from '../../../api/json.ts';
import { BodyTooLargeError, readBodyLimited } from '../../../api/read-body.ts';

/**
 * `POST /api/chat/attachments?conversationId=N` with the file as the raw body and its name in `X-File-Name`
 * (URI-encoded) → `{ id, name, contentType, size, width, height, url }`, to send with a message's
 * `attachmentIds`. Visitors authenticate with `Authorization: Bearer <visitor token>`; operators with their
 * admin session (same-origin only).
 */
export const POST: APIRoute = async ({ locals, request, url, cookies }) => {
  const { core } = locals;
  const conversationId = Number(url.searchParams.get('conversationId'));
  if (!Number.isInteger(conversationId) || conversationId <= 0) return apiError(400, 'invalid_request', 'conversationId: required');
  const bearer = /^Bearer (.+)$/.exec(request.headers.get('authorization') ?? '')?.[1];
  let uploader: { kind: 'visitor'; visitorId: string } | { kind: 'agent'; userId: number } | undefined;
  if (bearer) {
    const visitor = await core.chat.visitorFromToken(bearer);
    if (!visitor.issued) uploader = { kind: 'visitor', visitorId: visitor.visitorId };
  } else if (!isCrossSiteRequest(request, [url.origin, new URL(core.config.PUBLIC_URL).origin])) {
    const staff = await core.accounts.resolveSession(cookies.get(SESSION_COOKIE)?.value);
    if (staff && can(staff, 'inbox.use')) uploader = { kind: 'agent', userId: staff.id };
  }
  if (!uploader) return Response.json({ error: { code: 'unauthenticated', message: 'Send a visitor token or sign in as an operator.' } }, { status: 401 });
  let bytes: Buffer;
  try {
    bytes = await readBodyLimited(request, ATTACHMENT_MAX_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return apiError(413, 'too_large', `The file is ${error.message}; the limit is ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB.`);
    throw error;
  }
  const fileName = decodeURIComponentSafe(request.headers.get('x-file-name') ?? 'file');
  try {
    return Response.json(await core.chat.takeAttachment({ conversationId, uploader, fileName, bytes }), { status: 201 });
  } catch (error) {
    const e = error as Error & { code?: string };
    if (e.name !== 'ChatRefusedError') throw error;
    return Response.json({ error: { code: e.code, message: e.message } }, { status: e.code === 'not_found' ? 404 : 422 });
  }
};

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
