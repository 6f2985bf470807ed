import type { Transaction } from 'sequelize';
import { can } from '../accounts/policy.ts';
import { User } from '../models/index.ts';
import { ChatRefusedError } from './chat-errors.ts';

/**
 * The account a conversation may be handed to: an active user whose roles include the inbox. Read with a
 * share lock inside the caller's transaction, so a deactivation can't slip in between the check and the
 * assignment.
 */
export async function activeOperator(userId: number, transaction: Transaction): Promise<User> {
  const user = await User.findByPk(userId, { transaction, lock: transaction.LOCK.SHARE });
  if (!user || !can({ roles: user.roles, deactivated: user.deactivatedAt !== null }, 'inbox.use')) {
    throw new ChatRefusedError('invalid', 'assigneeId: not an active operator.');
  }
  return user;
}
