import { createHmac, timingSafeEqual } from 'node:crypto';
import { jwtVerify } from 'jose';
import { ChatRefusedError } from './chat-errors.ts';
import type { IdentityClaim } from './identity-claim.ts';

/** Who the host site says the visitor is, once verified. */
export interface VerifiedIdentity {
  externalId: string;
  name?: string;
  email?: string;
}

export { identityClaimSchema, type IdentityClaim } from './identity-claim.ts';

/** A JWT must not be valid for longer than this: it is minted per page view, not stored. */
const MAX_JWT_LIFETIME_S = 60 * 60;

/** `user_hash` as the host site computes it: hex HMAC-SHA256 of the user id with the identity key. */
export function userHash(identityKey: string, userId: string): string {
  return createHmac('sha256', identityKey).update(userId).digest('hex');
}

/** Verifies a claim; anything invalid is refused, never trusted or silently ignored. */
export async function verifyIdentity(identityKey: string, claim: IdentityClaim): Promise<VerifiedIdentity> {
  if ('jwt' in claim) {
    try {
      const { payload } = await jwtVerify(claim.jwt, new TextEncoder().encode(identityKey), { algorithms: ['HS256'], requiredClaims: ['sub', 'exp', 'iat'] });
      if (payload.exp! - payload.iat! > MAX_JWT_LIFETIME_S) throw new ChatRefusedError('forbidden', 'identity token lives longer than 1 hour');
      const name = typeof payload.name === 'string' ? payload.name.slice(0, 200) : undefined;
      const email = typeof payload.email === 'string' ? payload.email.slice(0, 320) : undefined;
      return { externalId: payload.sub!, ...(name ? { name } : {}), ...(email ? { email } : {}) };
    } catch (error) {
      if (error instanceof ChatRefusedError) throw error;
      throw new ChatRefusedError('forbidden', `identity token refused: ${(error as Error).message}`);
    }
  }
  const expected = Buffer.from(userHash(identityKey, claim.userId));
  const given = Buffer.from(claim.userHash.toLowerCase());
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new ChatRefusedError('forbidden', 'user_hash does not match user_id');
  return { externalId: claim.userId, ...(claim.name ? { name: claim.name } : {}), ...(claim.email ? { email: claim.email } : {}) };
}
