import { Op, type Sequelize } from 'sequelize';
import { z } from 'zod';
import { recordAudit, type AuditActor } from '../audit/audit-log.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { AccessToken, Author, Invite, User, ROLES, type Role } from '../models/index.ts';
import { invitationMail, siteNameFor } from './account-mails.ts';
import { joinUrl } from './links.ts';
import { hashPassword, newPasswordSchema } from './passwords.ts';
import { presentStaff, type StaffView } from './presenters.ts';
import { randomToken, tokenHash } from './tokens.ts';

const INVITE_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export const rolesSchema = z.array(z.enum(ROLES)).min(1, 'choose at least one role').transform((roles) => [...new Set(roles)]);
export const inviteSchema = z.object({ email: z.email('enter a valid email address').transform((e) => e.toLowerCase()), roles: rolesSchema });
export const joinSchema = z.object({
  name: z.string().trim().min(1, 'enter your name').max(200),
  password: newPasswordSchema,
});

/** A refused staff change, with a message for the person who tried it. */
export class StaffChangeRefusedError extends Error {
  override name = 'StaffChangeRefusedError';
}

/**
 * Invites someone by email with some roles: a one-time link valid for 7 days, mailed to them through the
 * outbox (queued in the same transaction) and returned so the admin can also pass it on by hand. Inviting an
 * address that already has an account is refused.
 */
export async function staffInviter(sequelize: Sequelize, publicUrl: string, actor: AuditActor, input: z.infer<typeof inviteSchema>, now = new Date()): Promise<string> {
  const token = randomToken();
  await sequelize.transaction(async (transaction) => {
    if (await User.count({ where: { email: input.email }, transaction })) throw new StaffChangeRefusedError(`${input.email} already has an account.`);
    await Invite.create({ tokenHash: tokenHash(token), email: input.email, roles: input.roles, invitedBy: actor.id, expiresAt: new Date(now.getTime() + INVITE_LIFETIME_MS), acceptedAt: null }, { transaction });
    await recordAudit({ actor, action: 'user.invite', summary: `Invited ${input.email} as ${input.roles.join(', ')}` }, transaction);
    const siteName = await siteNameFor(transaction);
    await enqueueMail(invitationMail({ to: input.email, invitedBy: actor.email, roles: input.roles, siteName, link: joinUrl(publicUrl, token) }), transaction);
  });
  return token;
}

/** The invitation behind a link, if it can still be accepted. */
export async function findUsableInvite(token: string, now = new Date()): Promise<{ email: string; roles: Role[] } | undefined> {
  const invite = await Invite.findByPk(tokenHash(token));
  if (!invite || invite.acceptedAt || invite.expiresAt <= now) return undefined;
  return { email: invite.email, roles: invite.roles };
}

/** Accepts an invitation: creates the account (linked to the imported author with that email) and spends the link. */
export async function inviteAccepter(sequelize: Sequelize, token: string, input: z.infer<typeof joinSchema>, now = new Date()): Promise<StaffView> {
  const passwordHash = await hashPassword(input.password);
  return sequelize.transaction(async (transaction) => {
    const invite = await Invite.findByPk(tokenHash(token), { lock: transaction.LOCK.UPDATE, transaction });
    if (!invite || invite.acceptedAt || invite.expiresAt <= now) throw new StaffChangeRefusedError('This invitation is invalid, already used or expired. Ask an admin for a new one.');
    if (await User.count({ where: { email: invite.email }, transaction })) throw new StaffChangeRefusedError(`${invite.email} already has an account. Sign in instead.`);
    const author = await Author.findOne({ where: { email: invite.email }, transaction });
    const roles = rolesSchema.parse(invite.roles);
    const user = await User.create({ email: invite.email, name: input.name, passwordHash, roles, authorId: author?.id ?? null, avatarUrl: author?.avatarUrl ?? null, deactivatedAt: null }, { transaction });
    await invite.update({ acceptedAt: now }, { transaction });
    await recordAudit({ actor: user, action: 'user.join', target: { type: 'user', id: user.id }, summary: `${user.email} accepted the invitation as ${roles.join(', ')}` }, transaction);
    return presentStaff(user);
  });
}

/** Other active admins besides this user: the last admin can be neither demoted nor deactivated. */
async function otherActiveAdmins(userId: number, transaction: import('sequelize').Transaction): Promise<number> {
  return User.count({ where: { id: { [Op.ne]: userId }, roles: { [Op.contains]: ['admin'] }, deactivatedAt: null }, transaction });
}

/** Changes a user's roles (audited); refuses to leave the help center without an active admin. */
export async function rolesChanger(sequelize: Sequelize, actor: AuditActor, userId: number, roles: Role[]): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    const user = await User.findByPk(userId, { lock: transaction.LOCK.UPDATE, transaction, rejectOnEmpty: new StaffChangeRefusedError('No such user.') });
    if (user.roles.includes('admin') && !roles.includes('admin') && (await otherActiveAdmins(userId, transaction)) === 0) throw new StaffChangeRefusedError('The last admin cannot lose the admin role.');
    const before = user.roles.join(', ');
    await user.update({ roles }, { transaction });
    await recordAudit({ actor, action: 'user.roles', target: { type: 'user', id: user.id }, summary: `${user.email}: ${before} → ${roles.join(', ')}` }, transaction);
  });
}

/** Deactivates (signs out everywhere at the next request, revokes their API tokens) or reactivates a user, audited. */
export async function activationChanger(sequelize: Sequelize, actor: AuditActor, userId: number, active: boolean): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    const user = await User.findByPk(userId, { lock: transaction.LOCK.UPDATE, transaction, rejectOnEmpty: new StaffChangeRefusedError('No such user.') });
    if (!active && user.roles.includes('admin') && (await otherActiveAdmins(userId, transaction)) === 0) throw new StaffChangeRefusedError('The last admin cannot be deactivated.');
    await user.update({ deactivatedAt: active ? null : new Date() }, { transaction });
    // API tokens end for good (unlike an account, they are not brought back by reactivating): whoever holds a
    // copy of an ex-colleague's token must not regain access when the account is reopened.
    if (!active) await AccessToken.update({ revokedAt: new Date() }, { where: { userId, revokedAt: null }, transaction });
    await recordAudit({ actor, action: active ? 'user.reactivate' : 'user.deactivate', target: { type: 'user', id: user.id }, summary: `${user.email} ${active ? 'reactivated' : 'deactivated'}` }, transaction);
  });
}

/** Everyone on the staff, active first, then by name. */
export async function listStaff(): Promise<StaffView[]> {
  const users = await User.findAll({ order: [['deactivatedAt', 'ASC NULLS FIRST'], ['name', 'ASC']] });
  return users.map(presentStaff);
}
