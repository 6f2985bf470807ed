import { createHash, timingSafeEqual } from 'node:crypto';
import type { APIRoute } from 'astro';
import { INBOUND_MAIL_MAX_BYTES } from '../../../../core/mail/inbound-smtp.ts';
import { apiError } from '../../../api/json.ts';
import { BodyTooLargeError, readBodyLimited } from '../../../api/read-body.ts';

/**
 * `POST /api/mail/inbound`: a mail provider forwards a reply to a chat email as raw MIME (the body, e.g.
 * `Content-Type: message/rfc822`), with the shared secret INBOUND_MAIL_SECRET in `X-Inbound-Secret`.
 * 200 `{ conversationId, seq, duplicate }` when posted (or already posted: same Message-ID); 422 when the
 * email is not a valid reply (the provider should not retry); 5xx only for our failures, which providers retry.
 */
export const POST: APIRoute = async ({ locals, request }) => {
  const { core } = locals;
  const secret = core.config.INBOUND_MAIL_SECRET;
  if (!secret) return apiError(404, 'not_found', 'The inbound mail webhook is off: set INBOUND_MAIL_SECRET.');
  if (!sameSecret(request.headers.get('x-inbound-secret') ?? '', secret)) return apiError(401, 'unauthenticated', 'X-Inbound-Secret is missing or wrong.');
  let raw: Buffer;
  try {
    raw = await readBodyLimited(request, INBOUND_MAIL_MAX_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return apiError(413, 'too_large', `The email is ${error.message}.`);
    throw error;
  }
  if (raw.byteLength === 0) return apiError(400, 'invalid_request', 'The body must be the raw email (MIME).');
  try {
    const { message, duplicate } = await core.chatEmail.receiveInbound(raw);
    return Response.json({ conversationId: message.conversationId, seq: message.seq, duplicate }, { headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    // By name, not instanceof: this route is bundled by Astro apart from the core's own copy of the class.
    const e = error as Error & { reason?: string };
    if (e.name === 'InboundMailRefusedError') return apiError(422, 'mail_refused', `${e.reason}: ${e.message}`);
    throw error;
  }
};

/** Compares digests, so neither the secret's length nor its characters leak through timing. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
