import { Op, UniqueConstraintError, type Sequelize, type Transaction } from 'sequelize';
import { Conversation, Message, User, type MessageKind, type MessageSender } from '../models/index.ts';
import { ChatRefusedError } from './chat-errors.ts';
import { presentMessage, type MessageView } from './chat-views.ts';

export interface NewMessage {
  conversationId: number;
  clientId: string;
  sender: MessageSender;
  senderUserId: number | null;
  kind: MessageKind;
  body: string;
}

export interface Posted {
  message: MessageView;
  /** True when this UUID was already stored: the original is returned and nothing new happened. */
  duplicate: boolean;
}

/**
 * Stores a message exactly once. The sender's UUID makes a resend (after a lost ack or a reconnect) return
 * the original message; the conversation row, locked for the insert, hands out the next sequence number, so
 * numbers have no gaps and every client can catch up with "after N". Resolves only after the commit.
 */
export async function postMessage(sequelize: Sequelize, input: NewMessage, inTransaction?: (conversation: Conversation, transaction: Transaction) => Promise<void>): Promise<Posted> {
  const existing = await findByClientId(input);
  if (existing) return existing;
  try {
    const message = await sequelize.transaction(async (transaction) => {
      const conversation = await Conversation.findByPk(input.conversationId, { lock: transaction.LOCK.UPDATE, transaction });
      if (!conversation) throw new ChatRefusedError('not_found', 'No such conversation.');
      const seq = conversation.lastSeq + 1;
      const created = await Message.create({ ...input, seq }, { transaction });
      const fromVisitor = input.sender === 'visitor';
      const spoken = input.kind === 'text';
      await conversation.update(
        {
          lastSeq: seq,
          ...(spoken ? { lastMessageAt: created.createdAt } : {}),
          // The visitor waits from their first unanswered message until the team replies.
          ...(spoken && fromVisitor && !conversation.waitingSince ? { waitingSince: created.createdAt } : {}),
          ...(spoken && input.sender === 'agent' ? { waitingSince: null, agentSeenSeq: seq } : {}),
          ...(fromVisitor ? { visitorSeenSeq: seq } : {}),
          // A visitor writing into a closed conversation reopens it.
          ...(spoken && fromVisitor && conversation.status === 'closed' ? { status: 'open' as const } : {}),
        },
        { transaction },
      );
      if (inTransaction) await inTransaction(conversation, transaction);
      return created;
    });
    return { message: presentMessage(message, await senderName(input.senderUserId)), duplicate: false };
  } catch (error) {
    // Two copies of one message raced: the other one was stored first.
    if (error instanceof UniqueConstraintError) {
      const original = await findByClientId(input);
      if (original) return original;
    }
    throw error;
  }
}

async function findByClientId(input: NewMessage): Promise<Posted | undefined> {
  const existing = await Message.findOne({ where: { clientId: input.clientId } });
  if (!existing) return undefined;
  if (existing.conversationId !== input.conversationId || existing.sender !== input.sender || existing.senderUserId !== input.senderUserId) {
    throw new ChatRefusedError('duplicate_id', 'This message id is already used by another message.');
  }
  return { message: presentMessage(existing, await senderName(existing.senderUserId)), duplicate: true };
}

/** The timeline after sequence number `afterSeq`, oldest first; visitors never get internal notes. */
export async function messagesAfter(conversationId: number, afterSeq: number, audience: 'visitor' | 'agent', limit = 500): Promise<MessageView[]> {
  const rows = await Message.findAll({
    where: { conversationId, seq: { [Op.gt]: afterSeq }, ...(audience === 'visitor' ? { kind: { [Op.ne]: 'note' } } : {}) },
    order: [['seq', 'ASC']],
    limit,
  });
  const names = await senderNames(rows.map((m) => m.senderUserId));
  return rows.map((m) => presentMessage(m, m.senderUserId ? (names.get(m.senderUserId) ?? null) : null));
}

async function senderName(userId: number | null): Promise<string | null> {
  return userId ? ((await senderNames([userId])).get(userId) ?? null) : null;
}

async function senderNames(ids: Array<number | null>): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await User.findAll({ attributes: ['id', 'name'], where: { id: { [Op.in]: wanted } } });
  return new Map(users.map((u) => [u.id, u.name]));
}
