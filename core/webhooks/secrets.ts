import { randomBytes } from 'node:crypto';

/**
 * A new signing secret: 32 random bytes, prefixed so a leaked one is recognisable in a scan. The whole string
 * (prefix included) is the HMAC key. Stored as is: signing needs it, so it cannot be kept as a hash.
 */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
