import { Op, type Sequelize } from 'sequelize';
import { z } from 'zod';
import { recordAudit } from '../audit/audit-log.ts';
import { Author, SetupToken, User } from '../models/index.ts';
import { hashPassword, newPasswordSchema } from './passwords.ts';
import { presentStaff, type StaffView } from './presenters.ts';
import { randomToken, tokenHash } from './tokens.ts';

const SETUP_LINK_LIFETIME_MS = 24 * 60 * 60 * 1000;

export const newAccountSchema = z.object({
  name: z.string().trim().min(1, 'enter your name').max(200),
  email: z.email('enter a valid email address').transform((email) => email.toLowerCase()),
  password: newPasswordSchema,
});
export type NewAccount = z.infer<typeof newAccountSchema>;

async function adminExists(): Promise<boolean> {
  return (await User.count({ where: { roles: { [Op.contains]: ['admin'] }, deactivatedAt: null } })) > 0;
}

/**
 * First run: while no admin exists, a one-time link (valid 24 h) lets whoever runs the server create one.
 * There is no default password. Returns the token to put in the link, or undefined when an admin exists.
 * Every start issues a fresh link; earlier unused ones stay valid until they expire.
 */
export async function issueSetupToken(now = new Date()): Promise<string | undefined> {
  if (await adminExists()) return undefined;
  const token = randomToken();
  await SetupToken.create({ tokenHash: tokenHash(token), expiresAt: new Date(now.getTime() + SETUP_LINK_LIFETIME_MS), usedAt: null });
  return token;
}

/** True when the token can still create the first admin (shown before the form is filled in). */
export async function isSetupTokenUsable(token: string, now = new Date()): Promise<boolean> {
  const row = await SetupToken.findByPk(tokenHash(token));
  return Boolean(row && !row.usedAt && row.expiresAt > now) && !(await adminExists());
}

export class SetupRefusedError extends Error {
  override name = 'SetupRefusedError';
}

/**
 * Creates the first admin with a valid setup token, in one transaction that also spends the token; an
 * imported author with the same email becomes this user.
 */
export default async function firstAdminCreator(sequelize: Sequelize, token: string, account: NewAccount, now = new Date()): Promise<StaffView> {
  const passwordHash = await hashPassword(account.password);
  return sequelize.transaction(async (transaction) => {
    const row = await SetupToken.findByPk(tokenHash(token), { lock: transaction.LOCK.UPDATE, transaction });
    if (!row || row.usedAt || row.expiresAt <= now) throw new SetupRefusedError('This setup link is invalid or has expired. Restart the server for a new one.');
    if (await User.count({ where: { roles: { [Op.contains]: ['admin'] } }, transaction })) throw new SetupRefusedError('An admin account already exists. Sign in instead.');
    const author = await Author.findOne({ where: { email: account.email }, transaction });
    const user = await User.create(
      { email: account.email, name: account.name, passwordHash, roles: ['admin'], authorId: author?.id ?? null, avatarUrl: author?.avatarUrl ?? null, deactivatedAt: null },
      { transaction },
    );
    await row.update({ usedAt: now }, { transaction });
    await recordAudit({ actor: user, action: 'auth.setup', target: { type: 'user', id: user.id }, summary: `First admin ${user.email} created with the setup link` }, transaction);
    return presentStaff(user);
  });
}
