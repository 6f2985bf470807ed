import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/**
 * A visitor token is `<visitor id>.<HMAC-SHA256 of it>`: the widget keeps it (localStorage) so its history
 * survives reloads, and nobody can forge another visitor's. No expiry: like a cookie that identifies a browser.
 */
export function issueVisitorToken(key: string, visitorId: string = randomUUID()): { visitorId: string; token: string } {
  return { visitorId, token: `${visitorId}.${mac(key, visitorId)}` };
}

/** The visitor id a token was issued for, or undefined when it was not issued by this help center. */
export function verifyVisitorToken(key: string, token: unknown): string | undefined {
  if (typeof token !== 'string' || token.length > 200) return undefined;
  const [visitorId, signature, extra] = token.split('.');
  if (!visitorId || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(key, visitorId));
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected) ? visitorId : undefined;
}

function mac(key: string, visitorId: string): string {
  return createHmac('sha256', key).update(`visitor:${visitorId}`).digest('base64url');
}
