import { randomUUID } from 'node:crypto';
import type { Sequelize } from 'sequelize';
import type { StaffView } from '../accounts/index.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { Team } from '../models/index.ts';
import { lockConversation } from './assignment.ts';
import { ChatRefusedError } from './chat-errors.ts';
import { postMessage, type Posted } from './message-store.ts';

/**
 * Moves a conversation to another team's queue, unassigned: that team claims it (manual) or hands it out
 * (round robin, at the next drain). The event "Moved to the X queue by Y" and the audit entry commit with it.
 */
export async function conversationTeamMover(sequelize: Sequelize, staff: StaffView, conversationId: number, teamId: number): Promise<Posted> {
  return sequelize.transaction(async (transaction) => {
    const conversation = await lockConversation(conversationId, transaction);
    const team = await Team.findByPk(teamId, { transaction, lock: transaction.LOCK.SHARE });
    if (!team) throw new ChatRefusedError('invalid', 'teamId: no such team.');
    if (conversation.teamId === team.id && conversation.assigneeId === null) throw new ChatRefusedError('invalid', `Already in the ${team.name} queue.`);
    await conversation.update({ teamId: team.id }, { transaction });
    const body = `Moved to the ${team.name} queue by ${staff.name}`;
    const posted = await postMessage(sequelize, { conversationId, clientId: randomUUID(), sender: 'system', senderUserId: staff.id, kind: 'event', body, event: { type: 'team' }, setAssignee: null }, transaction);
    await recordAudit({ actor: staff, action: 'conversation.team', target: { type: 'conversation', id: conversationId }, summary: body }, transaction);
    return posted;
  });
}
