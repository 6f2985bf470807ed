import { Op, type Sequelize, type Transaction } from 'sequelize';
import { z } from 'zod';
import { can, type StaffView } from '../accounts/index.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { SavedReply, User } from '../models/index.ts';
import { presentSavedReply, type SavedReplyView } from './presenters.ts';
import type { SavedReplyFields } from './schemas.ts';

/** A saved-reply change the actor may not make, or one that no longer applies (deleted meanwhile). */
export class SavedReplyRefusedError extends Error {
  override name = 'SavedReplyRefusedError';
}

/**
 * Saved replies are the inbox's tools: whoever answers chats (`inbox.use`) may use and curate them — the
 * same question the admin pages and the `/agent` socket ask, asked again here so no transport can forget it.
 */
function assertMayManage(actor: StaffView): void {
  if (!can(actor, 'inbox.use')) throw new SavedReplyRefusedError('Your role does not include the inbox, so it cannot change saved replies.');
}

/** Every saved reply, by shortcut. */
export async function listSavedReplies(): Promise<SavedReplyView[]> {
  return withEditors(await SavedReply.findAll({ order: [['shortcut', 'ASC']] }));
}

export async function findSavedReply(id: number): Promise<SavedReplyView | undefined> {
  const reply = await SavedReply.findByPk(id);
  return reply ? (await withEditors([reply]))[0] : undefined;
}

/** The replies presented with the name of whoever changed each last (one query for all of them). */
async function withEditors(replies: SavedReply[]): Promise<SavedReplyView[]> {
  const ids = [...new Set(replies.map((r) => r.updatedById).filter((id): id is number => id !== null))];
  const names = new Map((await User.findAll({ attributes: ['id', 'name'], where: { id: { [Op.in]: ids } } })).map((u) => [u.id, u.name]));
  return replies.map((r) => presentSavedReply(r, r.updatedById === null ? null : (names.get(r.updatedById) ?? null)));
}

/** Creates a saved reply; returns its id. A shortcut already in use is a field error, as the form shows it. */
export async function savedReplyCreator(sequelize: Sequelize, actor: StaffView, fields: SavedReplyFields): Promise<number> {
  assertMayManage(actor);
  return sequelize.transaction(async (transaction) => {
    await assertShortcutFree(fields.shortcut, undefined, transaction);
    const reply = await SavedReply.create({ ...fields, createdById: actor.id, updatedById: actor.id }, { transaction });
    await recordAudit({ actor, action: 'saved_reply.create', target: { type: 'saved_reply', id: reply.id }, summary: `Created saved reply /${reply.shortcut} “${reply.title}”` }, transaction);
    return reply.id;
  });
}

export async function savedReplyUpdater(sequelize: Sequelize, actor: StaffView, id: number, fields: SavedReplyFields): Promise<void> {
  assertMayManage(actor);
  await sequelize.transaction(async (transaction) => {
    const reply = await lockedReply(id, transaction);
    await assertShortcutFree(fields.shortcut, id, transaction);
    const renamed = reply.shortcut !== fields.shortcut ? ` (was /${reply.shortcut})` : '';
    await reply.update({ ...fields, updatedById: actor.id }, { transaction });
    await recordAudit({ actor, action: 'saved_reply.update', target: { type: 'saved_reply', id }, summary: `Changed saved reply /${fields.shortcut}${renamed} “${fields.title}”` }, transaction);
  });
}

export async function savedReplyRemover(sequelize: Sequelize, actor: StaffView, id: number): Promise<void> {
  assertMayManage(actor);
  await sequelize.transaction(async (transaction) => {
    const reply = await lockedReply(id, transaction);
    await reply.destroy({ transaction });
    await recordAudit({ actor, action: 'saved_reply.delete', target: { type: 'saved_reply', id }, summary: `Deleted saved reply /${reply.shortcut} “${reply.title}”` }, transaction);
  });
}

async function lockedReply(id: number, transaction: Transaction): Promise<SavedReply> {
  const reply = await SavedReply.findByPk(id, { transaction, lock: transaction.LOCK.UPDATE });
  if (!reply) throw new SavedReplyRefusedError('This saved reply no longer exists (someone deleted it).');
  return reply;
}

async function assertShortcutFree(shortcut: string, exceptId: number | undefined, transaction: Transaction): Promise<void> {
  const taken = await SavedReply.findOne({ where: { shortcut, ...(exceptId ? { id: { [Op.ne]: exceptId } } : {}) }, transaction });
  if (taken) throw new z.ZodError([{ code: 'custom', path: ['shortcut'], message: `/${shortcut} is already the shortcut of “${taken.title}”`, input: shortcut }]);
}
