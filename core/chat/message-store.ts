import { DataTypes, Op, QueryTypes, type Model, type ModelStatic, type Sequelize, type Transaction } from 'sequelize';
import { Conversation, Message, User, type MessageKind, type MessageSender } from '../models/index.ts';
import type { ArticleCard } from './article-cards.ts';
import type { AttachmentView } from './attachments.ts';
import type { TimelineEvent } from './timeline-events.ts';
import { ChatRefusedError } from './chat-errors.ts';
import { presentConversation, presentMessage, type ConversationView, type MessageView } from './chat-views.ts';

export interface NewMessage {
  conversationId: number;
  clientId: string;
  sender: MessageSender;
  senderUserId: number | null;
  kind: MessageKind;
  body: string;
  /** Files checked by `attachmentsForMessage`. */
  attachments?: AttachmentView[];
  /** A published article, checked by `articleCardFor`. */
  card?: ArticleCard | null;
  /** What a timeline event (kind 'event') did, for the widget to word it. */
  event?: TimelineEvent;
  /** Only into this visitor's conversation (anyone else's answers "not found"). */
  visitorId?: string;
  /** Timeline events change the conversation with them, atomically. */
  setStatus?: 'open' | 'closed';
  setAssignee?: number | null;
}

export interface Posted {
  message: MessageView;
  /** True when this UUID was already stored: the original is returned and nothing new happened. */
  duplicate: boolean;
  /** The conversation as this message left it (for the inbox), when the message is new. */
  conversation?: ConversationView;
}

type Row = Record<string, unknown>;
type Outcome = { outcome: 'created' | 'duplicate' | 'duplicate_id' | 'not_found' | 'unchanged'; message?: Row; conversation?: Row };

/**
 * Stores a message exactly once, in one round trip to PostgreSQL (`post_chat_message`, see the chat
 * migration): the sender's UUID makes a resend (after a lost ack or a reconnect) return the original; the
 * locked conversation row hands out the next sequence number, so numbers have no gaps and every client can
 * catch up with "after N". Resolves only after the commit.
 */
export async function postMessage(sequelize: Sequelize, input: NewMessage, transaction?: Transaction): Promise<Posted> {
  let result: Outcome;
  try {
    result = await callPost(sequelize, input, transaction);
  } catch (error) {
    // Two copies of one message raced: the other one was stored first; asking again returns it.
    const cause = (error as { parent?: { code?: string; message?: string } }).parent;
    if (cause?.message === 'attachment already sent') throw new ChatRefusedError('invalid', 'attachmentIds: a file was already sent.');
    if (cause?.code !== '23505') throw error;
    if (transaction) throw error; // the caller's transaction is aborted: let it fail as a whole
    result = await callPost(sequelize, input);
  }
  if (result.outcome === 'not_found') throw new ChatRefusedError('not_found', 'No such conversation.');
  if (result.outcome === 'duplicate_id') throw new ChatRefusedError('duplicate_id', 'This message id is already used by another message.');
  if (result.outcome === 'unchanged') throw new ChatRefusedError('invalid', `The conversation is already ${input.setStatus}.`);
  const message = fromRow(Message, result.message!);
  const view = presentMessage(message, await senderName(message.senderUserId));
  return result.outcome === 'duplicate' ? { message: view, duplicate: true } : { message: view, duplicate: false, conversation: presentConversation(fromRow(Conversation, result.conversation!)) };
}

async function callPost(sequelize: Sequelize, input: NewMessage, transaction?: Transaction): Promise<Outcome> {
  const [row] = await sequelize.query<{ result: Outcome }>('SELECT post_chat_message(:p::jsonb) AS result', { replacements: { p: JSON.stringify(input) }, type: QueryTypes.SELECT, ...(transaction ? { transaction } : {}) });
  return row!.result;
}

/**
 * A model instance from a row as PostgreSQL returned it inside JSON (`to_jsonb`): column names, timestamps as
 * strings. Built through the model's own attribute map, so the presenters turn it into JSON as usual.
 */
function fromRow<M extends Model>(model: ModelStatic<M>, row: Row): M {
  const values = Object.entries(model.getAttributes()).map(([name, attribute]) => {
    const value = row[attribute.field ?? name];
    return [name, value != null && attribute.type instanceof DataTypes.DATE ? new Date(value as string) : value];
  });
  return model.build(Object.fromEntries(values) as M['_creationAttributes'], { isNewRecord: false, raw: true });
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
