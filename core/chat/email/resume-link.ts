import { createHmac, timingSafeEqual } from 'node:crypto';

/** How long a link in a chat email brings the visitor back into their chat. */
export const RESUME_LINK_TTL_MS = 14 * 24 * 3_600_000;

/**
 * The link in a chat email: the help center with `#chat-resume=<token>`. The token names the conversation and
 * its visitor, expires, and is signed, so it can't be made up or pointed at someone else's chat. It sits in
 * the fragment, which browsers never send to a server: it stays out of access logs, `Referer` headers and
 * the page cache; the widget exchanges it (POST /api/chat/resume) for the visitor's token. Whoever holds the
 * email can continue the chat — the same trust as the reply address in that email.
 */
export function resumeLink(key: string, helpCenterUrl: string, target: { conversationId: number; visitorId: string }, now = Date.now()): string {
  const expires = Math.floor((now + RESUME_LINK_TTL_MS) / 1000);
  const payload = `${target.conversationId}.${target.visitorId}.${expires}`;
  return `${helpCenterUrl}#chat-resume=${payload}.${sign(key, payload)}`;
}

/** The conversation and visitor a resume token names, or undefined when it is forged, malformed or expired. */
export function verifyResumeToken(key: string, token: string, now = Date.now()): { conversationId: number; visitorId: string } | undefined {
  const match = /^(\d{1,10})\.([0-9a-f-]{36})\.(\d{1,12})\.([\w-]{43})$/.exec(token);
  if (!match) return undefined;
  const [, conversationId, visitorId, expires, signature] = match as unknown as [string, string, string, string, string];
  const expected = Buffer.from(sign(key, `${conversationId}.${visitorId}.${expires}`));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  if (Number(expires) * 1000 < now) return undefined;
  return { conversationId: Number(conversationId), visitorId };
}

function sign(key: string, payload: string): string {
  return createHmac('sha256', key).update(`resume:${payload}`).digest('base64url');
}
