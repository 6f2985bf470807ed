import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.ts';
import { AccessToken, User } from '../models/index.ts';
import { API_SCOPES, can, SCOPE_REQUIRES } from './policy.ts';
import { presentStaff, type StaffView } from './presenters.ts';
import { randomToken, tokenHash } from './tokens.ts';

/** Tokens start with this, so a leaked one is recognisable (secret scanners, logs) and easy to grep for. */
export const TOKEN_PREFIX = 'dfl_';
/** last_used_at is written at most this often, so an API client's every request does not write. */
const TOUCH_EVERY_MS = 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The profile page's "New token" form: a name, one or more scopes, and a lifetime in days (empty: no expiry). */
export const accessTokenSchema = z.object({
  name: z.string().trim().min(1, 'give the token a name').max(100, 'use at most 100 characters'),
  scopes: z.array(z.enum(API_SCOPES, 'not a known scope')).min(1, 'choose at least one scope'),
  expiresInDays: z.union([z.literal(''), z.coerce.number().int().min(1, 'at least 1 day').max(366, 'at most 366 days')]).default(''),
});
export type AccessTokenInput = z.input<typeof accessTokenSchema>;

/** A token as its owner sees it in their list: never the token itself. */
export interface AccessTokenView {
  id: number;
  name: string;
  scopes: string[];
  /** "…Xy3q": the token's last characters. */
  hint: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  state: 'active' | 'expired' | 'revoked';
}

/** The staff member behind a request's token and what the token was limited to. */
export interface TokenHolder {
  staff: StaffView;
  scopes: readonly string[];
  tokenId: number;
}

export class AccessTokenRefusedError extends Error {
  override name = 'AccessTokenRefusedError';
}

export function presentAccessToken(token: AccessToken, now = new Date()): AccessTokenView {
  const state = token.revokedAt ? 'revoked' : token.expiresAt && token.expiresAt <= now ? 'expired' : 'active';
  return {
    id: token.id,
    name: token.name,
    scopes: [...token.scopes],
    hint: `…${token.lastChars}`,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    expiresAt: token.expiresAt?.toISOString() ?? null,
    state,
  };
}

/**
 * Creates a token for the signed-in staff member and returns it once (only its hash is kept). Scopes their
 * roles don't allow are refused here, so nobody holds a token that looks broader than it is.
 */
export async function accessTokenCreator(sequelize: Sequelize, actor: StaffView, raw: AccessTokenInput, now = new Date()): Promise<{ token: string; view: AccessTokenView }> {
  const input = accessTokenSchema.parse(raw);
  const beyondRole = input.scopes.filter((scope) => !can(actor, SCOPE_REQUIRES[scope]));
  if (beyondRole.length) throw new AccessTokenRefusedError(`scopes: your role does not allow ${beyondRole.join(', ')}`);
  const token = `${TOKEN_PREFIX}${randomToken()}`;
  const scopes = [...new Set(input.scopes)];
  const expiresAt = input.expiresInDays === '' ? null : new Date(now.getTime() + input.expiresInDays * DAY_MS);
  return sequelize.transaction(async (transaction) => {
    const row = await AccessToken.create({ userId: actor.id, name: input.name, tokenHash: tokenHash(token), lastChars: token.slice(-4), scopes, expiresAt }, { transaction });
    await recordAudit({ actor, action: 'token.create', target: { type: 'access_token', id: row.id }, summary: `Created API token "${row.name}" (${scopes.join(', ')})` }, transaction);
    return { token, view: presentAccessToken(row, now) };
  });
}

/** The owner's tokens, newest first, revoked and expired ones included (they show when each was last used). */
export async function listAccessTokens(userId: number, now = new Date()): Promise<AccessTokenView[]> {
  const rows = await AccessToken.findAll({ where: { userId }, order: [['createdAt', 'DESC'], ['id', 'DESC']] });
  return rows.map((row) => presentAccessToken(row, now));
}

/** Revokes one of the actor's own tokens: it stops working at the next request. Revoking twice changes nothing. */
export async function accessTokenRevoker(sequelize: Sequelize, actor: StaffView, tokenId: number, now = new Date()): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    const row = await AccessToken.findOne({ where: { id: tokenId, userId: actor.id }, transaction, lock: transaction.LOCK.UPDATE });
    if (!row) throw new AccessTokenRefusedError('This token does not exist or is not yours.');
    if (row.revokedAt) return;
    await row.update({ revokedAt: now }, { transaction });
    await recordAudit({ actor, action: 'token.revoke', target: { type: 'access_token', id: row.id }, summary: `Revoked API token "${row.name}"` }, transaction);
  });
}

/**
 * Who a bearer token belongs to, or undefined when it is unknown, revoked, expired, or its owner is
 * deactivated. What the owner may do is asked again per request (`tokenAllows`): roles can change.
 */
export async function resolveAccessToken(token: string | undefined, now = new Date()): Promise<TokenHolder | undefined> {
  if (!token?.startsWith(TOKEN_PREFIX)) return undefined;
  const row = await AccessToken.findOne({ where: { tokenHash: tokenHash(token) } });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return undefined;
  const user = await User.findByPk(row.userId);
  if (!user || user.deactivatedAt) return undefined;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) await row.update({ lastUsedAt: now });
  return { staff: presentStaff(user), scopes: row.scopes, tokenId: row.id };
}
