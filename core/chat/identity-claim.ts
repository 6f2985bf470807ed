import { z } from 'zod';

/**
 * What a host site may pass: `user_id` + `user_hash` (HMAC-SHA256 of the id), or a short-lived HS256 JWT.
 * Apart from identity.ts (which needs Node's crypto), so the embedded widget can check a claim with the very
 * schema the handshake uses before sending it.
 */
export const identityClaimSchema = z.union([
  z.object({ userId: z.string().min(1).max(200), userHash: z.string().regex(/^[a-f0-9]{64}$/i, 'user_hash: a hex HMAC-SHA256'), name: z.string().max(200).optional(), email: z.email().max(320).optional() }),
  z.object({ jwt: z.string().max(4000) }),
]);
export type IdentityClaim = z.infer<typeof identityClaimSchema>;
