import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, URL-safe: session ids, setup and invite tokens. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database keeps of a token: its SHA-256, so a leaked table cannot be replayed. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
