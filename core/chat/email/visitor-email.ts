import { QueryTypes, type Sequelize } from 'sequelize';
import { Visitor } from '../../models/index.ts';
import { ChatRefusedError } from '../chat-errors.ts';

/**
 * Stores the email a visitor gives (`visitor:email`), for replies and transcripts. Visitors who gave the same
 * address are *linked*, not merged: each keeps its own conversations, and `sameEmailVisitors` says how many
 * others share it (operators see the address on every conversation). Moving conversations between records on
 * an address anyone can type would hand one person's history to whoever claims their email. The proof of a
 * mailbox is the email itself: its resume link brings that mailbox's reader back into that conversation.
 */
export async function setVisitorEmail(sequelize: Sequelize, visitorId: string, email: string): Promise<{ email: string; sameEmailVisitors: number }> {
  const [updated] = await Visitor.update({ email }, { where: { id: visitorId } });
  if (updated === 0) throw new ChatRefusedError('not_found', 'No such visitor.');
  const [row] = await sequelize.query<{ others: number }>('SELECT count(*)::int AS others FROM visitors WHERE lower(email) = :email AND id <> :visitorId', {
    replacements: { email, visitorId },
    type: QueryTypes.SELECT,
  });
  return { email, sameEmailVisitors: row?.others ?? 0 };
}
