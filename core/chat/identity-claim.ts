import * as z from 'zod/mini';

/**
 * What a host site may pass: `user_id` + `user_hash` (HMAC-SHA256 of the id), or a short-lived HS256 JWT.
 * Apart from identity.ts (which needs Node's crypto), so the embedded chat checks a claim with the very schema
 * the handshake uses before sending it; written with zod/mini, which costs the browser a few KB, not 20.
 */
export const identityClaimSchema = z.union([
  z.object({
    // Messages of their own: zod/mini ships none, and these reach the host site's developer.
    userId: z.string({ error: 'the user’s id as a string' }).check(z.minLength(1, 'must not be empty'), z.maxLength(200, 'at most 200 characters')),
    userHash: z.string({ error: 'user_hash: a hex HMAC-SHA256' }).check(z.regex(/^[a-f0-9]{64}$/i, 'user_hash: a hex HMAC-SHA256')),
    name: z.optional(z.string({ error: 'a string' }).check(z.maxLength(200, 'at most 200 characters'))),
    email: z.optional(z.email({ error: 'not an email address' }).check(z.maxLength(320, 'at most 320 characters'))),
  }),
  z.object({ jwt: z.string({ error: 'the signed token as a string' }).check(z.maxLength(4000, 'at most 4,000 characters')) }),
]);
export type IdentityClaim = z.infer<typeof identityClaimSchema>;
