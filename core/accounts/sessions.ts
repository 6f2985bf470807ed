import { Op } from 'sequelize';
import { Session, User } from '../models/index.ts';
import { presentStaff, type StaffView } from './presenters.ts';
import { randomToken, tokenHash } from './tokens.ts';

/** Signed out after this long without a request… */
export const IDLE_TIMEOUT_MS = 12 * 60 * 60 * 1000;
/** …and after this long in any case. */
export const ABSOLUTE_TIMEOUT_MS = 14 * 24 * 60 * 60 * 1000;
/** last_seen_at is written at most this often, so reading a page does not write on every request. */
const TOUCH_EVERY_MS = 60 * 1000;

/** Starts a session for a user: a fresh random id every time (a login never reuses an old one). */
export async function startSession(userId: number, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomToken();
  const expiresAt = new Date(now.getTime() + ABSOLUTE_TIMEOUT_MS);
  await Session.create({ idHash: tokenHash(token), userId, lastSeenAt: now, expiresAt });
  return { token, expiresAt };
}

/**
 * The staff member behind a session cookie, or undefined when the session is unknown, idle too long,
 * past its absolute lifetime, or belongs to a deactivated account (such sessions are deleted).
 */
export async function resolveSession(token: string | undefined, now = new Date(), touch = true): Promise<StaffView | undefined> {
  if (!token) return undefined;
  const session = await Session.findByPk(tokenHash(token));
  if (!session) return undefined;
  const idle = now.getTime() - session.lastSeenAt.getTime() > IDLE_TIMEOUT_MS;
  const user = await User.findByPk(session.userId);
  if (idle || session.expiresAt <= now || !user || user.deactivatedAt) {
    await session.destroy();
    return undefined;
  }
  // A background check (an open inbox re-verifying its session) is not activity: it must not keep an
  // unattended session alive past the idle timeout.
  if (touch && now.getTime() - session.lastSeenAt.getTime() > TOUCH_EVERY_MS) await session.update({ lastSeenAt: now });
  return presentStaff(user);
}

/** Signs a browser out: the session stops working everywhere at once. */
export async function endSession(token: string | undefined): Promise<void> {
  if (token) await Session.destroy({ where: { idHash: tokenHash(token) } });
}

/** Removes sessions that can no longer be used (run from time to time). */
export async function pruneSessions(now = new Date()): Promise<number> {
  return Session.destroy({
    where: { [Op.or]: [{ expiresAt: { [Op.lte]: now } }, { lastSeenAt: { [Op.lte]: new Date(now.getTime() - IDLE_TIMEOUT_MS) } }] },
  });
}
