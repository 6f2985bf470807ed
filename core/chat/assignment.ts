import { randomUUID } from 'node:crypto';
import type { Sequelize, Transaction } from 'sequelize';
import type { StaffView } from '../accounts/index.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { Conversation, User } from '../models/index.ts';
import { ChatRefusedError } from './chat-errors.ts';
import { postMessage, type Posted } from './message-store.ts';
import { activeOperator } from './operators.ts';

/** A conversation locked for a change by this transaction, or "not found". */
export async function lockConversation(conversationId: number, transaction: Transaction): Promise<Conversation> {
  const conversation = await Conversation.findByPk(conversationId, { transaction, lock: transaction.LOCK.UPDATE });
  if (!conversation) throw new ChatRefusedError('not_found', 'No such conversation.');
  return conversation;
}

/**
 * Claims, hands over or releases a conversation (`assigneeId: null`): a timeline event and an audit entry,
 * committed together. Only an active operator can be the new owner.
 */
export async function conversationAssigner(sequelize: Sequelize, staff: StaffView, conversationId: number, assigneeId: number | null): Promise<Posted> {
  return sequelize.transaction(async (transaction) => {
    const conversation = await lockConversation(conversationId, transaction);
    const assignee = assigneeId === null ? null : await activeOperator(assigneeId, transaction);
    if (conversation.assigneeId === assigneeId) throw new ChatRefusedError('invalid', assignee ? `Already assigned to ${assignee.name}.` : 'Already unassigned.');
    const body = assignee ? `Assigned to ${assignee.name} by ${staff.name}` : `Unassigned by ${staff.name}`;
    const posted = await postMessage(sequelize, { conversationId, clientId: randomUUID(), sender: 'system', senderUserId: staff.id, kind: 'event', body, event: assignee ? { type: 'assigned', name: assignee.name } : { type: 'team' }, setAssignee: assigneeId }, transaction);
    await recordAudit({ actor: staff, action: assignee ? 'conversation.assign' : 'conversation.unassign', target: { type: 'conversation', id: conversationId }, summary: body }, transaction);
    return posted;
  });
}

export interface Transfer {
  conversationId: number;
  assigneeId: number;
  /** The internal note for the new owner. */
  note: string;
  /** The note's UUID: sending the same transfer again (a lost ack) changes nothing. */
  clientId: string;
}

/**
 * Hands a conversation to another operator with a note: the note (internal, never sent to the visitor) and
 * the assignment event are stored in one transaction with the audit entry — all of it or nothing. Returns the
 * note and then the event; a resent transfer returns only the original note, marked duplicate.
 */
export async function conversationTransferrer(sequelize: Sequelize, staff: StaffView, transfer: Transfer): Promise<Posted[]> {
  return sequelize.transaction(async (transaction) => {
    const conversation = await lockConversation(transfer.conversationId, transaction);
    const assignee = await activeOperator(transfer.assigneeId, transaction);
    const note = await postMessage(sequelize, { conversationId: conversation.id, clientId: transfer.clientId, sender: 'agent', senderUserId: staff.id, kind: 'note', body: transfer.note }, transaction);
    if (note.duplicate) return [note];
    if (conversation.assigneeId === assignee.id) throw new ChatRefusedError('invalid', `Already assigned to ${assignee.name}.`);
    const body = `Transferred to ${assignee.name} by ${staff.name}`;
    const event = await postMessage(sequelize, { conversationId: conversation.id, clientId: randomUUID(), sender: 'system', senderUserId: staff.id, kind: 'event', body, event: { type: 'assigned', name: assignee.name }, setAssignee: assignee.id }, transaction);
    await recordAudit({ actor: staff, action: 'conversation.transfer', target: { type: 'conversation', id: conversation.id }, summary: `${body}: ${transfer.note}` }, transaction);
    return [note, event];
  });
}

/**
 * Takes an unassigned conversation for oneself ("Assign to me" on a queue): unlike `conversationAssigner`,
 * it refuses when someone already owns it, so of two operators claiming at once exactly one gets it and the
 * other is told who did. The row lock orders the claims.
 */
export async function conversationClaimer(sequelize: Sequelize, staff: StaffView, conversationId: number): Promise<Posted> {
  return sequelize.transaction(async (transaction) => {
    const conversation = await lockConversation(conversationId, transaction);
    const me = await activeOperator(staff.id, transaction);
    if (conversation.assigneeId !== null) {
      const owner = conversation.assigneeId === me.id ? 'you' : ((await User.findByPk(conversation.assigneeId, { transaction }))?.name ?? 'someone else');
      throw new ChatRefusedError('invalid', `Already taken by ${owner}.`);
    }
    const body = `Claimed by ${me.name}`;
    const posted = await postMessage(sequelize, { conversationId, clientId: randomUUID(), sender: 'system', senderUserId: me.id, kind: 'event', body, event: { type: 'assigned', name: me.name }, setAssignee: me.id }, transaction);
    await recordAudit({ actor: staff, action: 'conversation.assign', target: { type: 'conversation', id: conversationId }, summary: body }, transaction);
    return posted;
  });
}

/**
 * An assignment made by routing (an article's author, round robin), inside the caller's transaction: the
 * same timeline event and audit entry as a manual one, with the system as the actor and the reason in words.
 */
export async function automaticAssigner(sequelize: Sequelize, input: { conversationId: number; assignee: { id: number; name: string }; reason: string }, transaction: Transaction): Promise<Posted> {
  const { conversationId, assignee, reason } = input;
  const body = `Assigned to ${assignee.name} (${reason})`;
  const posted = await postMessage(sequelize, { conversationId, clientId: randomUUID(), sender: 'system', senderUserId: null, kind: 'event', body, event: { type: 'assigned', name: assignee.name }, setAssignee: assignee.id }, transaction);
  await recordAudit({ actor: null, action: 'conversation.assign', target: { type: 'conversation', id: conversationId }, summary: body }, transaction);
  return posted;
}
