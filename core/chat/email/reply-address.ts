import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * A conversation's reply address is `reply+<conversation id>-<signature>@<domain>`. The signature is an
 * HMAC of the conversation id, so nobody can write into a conversation whose email they never received,
 * nor move a token to another conversation. Lowercase hex only: some mail servers lowercase local parts.
 * 96 bits of signature: guessing is hopeless, and the local part stays well under its 64-character limit.
 */
const SIGNATURE_HEX = 24;
const LOCAL_PART = /^reply\+(\d{1,10})-([0-9a-f]+)$/;

export function replyAddress(key: string, conversationId: number, domain: string): string {
  return `reply+${conversationId}-${sign(key, conversationId)}@${domain}`;
}

/** What the recipients of an inbound email say: the conversation a valid reply address names, a forged one, or none. */
export type ReplyTarget = { kind: 'conversation'; conversationId: number } | { kind: 'forged'; address: string } | { kind: 'none' };

/** Looks for a reply address among the recipients (any domain: providers and forwarders rewrite it) and checks its signature. */
export function findReplyTarget(key: string, recipients: readonly string[]): ReplyTarget {
  let forged: string | undefined;
  for (const address of recipients) {
    const localPart = address.trim().toLowerCase().split('@')[0] ?? '';
    const match = LOCAL_PART.exec(localPart);
    if (!match) continue;
    const conversationId = Number(match[1]);
    if (isSignature(key, conversationId, match[2]!)) return { kind: 'conversation', conversationId };
    forged ??= address;
  }
  return forged ? { kind: 'forged', address: forged } : { kind: 'none' };
}

/** True when the address has the shape of a reply address (checked before the signature, e.g. at RCPT TO). */
export function looksLikeReplyAddress(address: string): boolean {
  return LOCAL_PART.test(address.trim().toLowerCase().split('@')[0] ?? '');
}

function sign(key: string, conversationId: number): string {
  return createHmac('sha256', key).update(`reply:${conversationId}`).digest('hex').slice(0, SIGNATURE_HEX);
}

function isSignature(key: string, conversationId: number, given: string): boolean {
  const expected = Buffer.from(sign(key, conversationId));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
