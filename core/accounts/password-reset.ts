import type { Sequelize } from 'sequelize';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.ts';
import { enqueueMail } from '../mail/outbox.ts';
import { PasswordReset, Session, User } from '../models/index.ts';
import { passwordResetMail, siteNameFor } from './account-mails.ts';
import { resetUrl } from './links.ts';
import { hashPassword, newPasswordSchema } from './passwords.ts';
import { presentStaff, type StaffView } from './presenters.ts';
import { randomToken, tokenHash } from './tokens.ts';

const RESET_LINK_LIFETIME_MS = 60 * 60 * 1000;

export const forgotPasswordSchema = z.object({ email: z.email('enter a valid email address').transform((email) => email.toLowerCase()) });
export const resetPasswordSchema = z.object({ password: newPasswordSchema });

/** A reset refused at the last moment (the link was used or expired meanwhile), with a message for the person. */
export class PasswordResetRefusedError extends Error {
  override name = 'PasswordResetRefusedError';
}

/**
 * Mails a one-time link (valid 1 hour) to the active account with this email, superseding any earlier link.
 * Returns nothing, so that callers answer the same whether or not the account exists; unknown and
 * deactivated addresses get no mail. The mail is queued in the transaction that stores the token.
 */
export async function passwordResetRequester(sequelize: Sequelize, publicUrl: string, email: string, now = new Date()): Promise<void> {
  await sequelize.transaction(async (transaction) => {
    // Locked so that two requests at once leave exactly one usable link.
    const user = await User.findOne({ where: { email: email.trim().toLowerCase() }, lock: transaction.LOCK.UPDATE, transaction });
    if (!user || user.deactivatedAt) return;
    await PasswordReset.destroy({ where: { userId: user.id }, transaction });
    const token = randomToken();
    await PasswordReset.create({ tokenHash: tokenHash(token), userId: user.id, expiresAt: new Date(now.getTime() + RESET_LINK_LIFETIME_MS), usedAt: null }, { transaction });
    const siteName = await siteNameFor(transaction);
    await enqueueMail(passwordResetMail({ to: user.email, name: user.name, siteName, link: resetUrl(publicUrl, token) }), transaction);
  });
}

/** The account a reset link is for, while the link can still be used. */
export async function findUsablePasswordReset(token: string, now = new Date()): Promise<{ email: string } | undefined> {
  const reset = await PasswordReset.findByPk(tokenHash(token));
  if (!reset || reset.usedAt || reset.expiresAt <= now) return undefined;
  const user = await User.findByPk(reset.userId);
  return user && !user.deactivatedAt ? { email: user.email } : undefined;
}

/**
 * Sets a new password with a reset link, once: spends the link and signs the account out everywhere (a
 * session someone else may have taken over ends here), audited. The caller signs the person in afresh.
 */
export async function passwordResetter(sequelize: Sequelize, token: string, input: z.infer<typeof resetPasswordSchema>, now = new Date()): Promise<StaffView> {
  const passwordHash = await hashPassword(input.password);
  return sequelize.transaction(async (transaction) => {
    const reset = await PasswordReset.findByPk(tokenHash(token), { lock: transaction.LOCK.UPDATE, transaction });
    const user = reset && (await User.findByPk(reset.userId, { lock: transaction.LOCK.UPDATE, transaction }));
    if (!reset || !user || reset.usedAt || reset.expiresAt <= now || user.deactivatedAt) {
      throw new PasswordResetRefusedError('This reset link is invalid, already used or expired. Ask for a new one.');
    }
    await user.update({ passwordHash }, { transaction });
    await reset.update({ usedAt: now }, { transaction });
    await Session.destroy({ where: { userId: user.id }, transaction });
    await recordAudit({ actor: user, action: 'user.password_reset', target: { type: 'user', id: user.id }, summary: `${user.email} set a new password with an emailed reset link; all their sessions were ended` }, transaction);
    return presentStaff(user);
  });
}
