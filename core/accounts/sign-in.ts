import { User } from '../models/index.ts';
import { dummyHash, verifyPassword } from './passwords.ts';
import { presentStaff, type StaffView } from './presenters.ts';

/**
 * Checks an email and password. Unknown email, wrong password and deactivated account all answer the same
 * way, in about the same time, so the form does not reveal which accounts exist.
 */
export default async function signInChecker(email: string, password: string): Promise<StaffView | undefined> {
  const user = await User.findOne({ where: { email: email.trim().toLowerCase() } });
  const valid = await verifyPassword(password, user?.passwordHash ?? (await dummyHash()));
  if (!user || !user.passwordHash || !valid || user.deactivatedAt) return undefined;
  return presentStaff(user);
}
