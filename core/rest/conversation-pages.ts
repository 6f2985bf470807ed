import { Op, type WhereOptions } from 'sequelize';
import { presentConversation, type ConversationView, type MessageView } from '../chat/chat-views.ts';
import { messagesAfter } from '../chat/message-store.ts';
import { Conversation } from '../models/index.ts';

export interface ConversationPageQuery {
  status?: 'open' | 'closed' | undefined;
  /** An operator's id, or `none` for unassigned conversations. */
  assignee?: number | 'none' | undefined;
  limit: number;
  /** Continue before this conversation id (from the previous page's `nextCursor`). */
  beforeId?: number | undefined;
}

/** Newest conversations first, one keyset page at a time. */
export async function listConversationPage(query: ConversationPageQuery): Promise<{ data: ConversationView[]; nextCursor: string | null }> {
  const where: WhereOptions<Conversation> = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.assignee === 'none' ? { assigneeId: null } : query.assignee ? { assigneeId: query.assignee } : {}),
    ...(query.beforeId ? { id: { [Op.lt]: query.beforeId } } : {}),
  };
  const rows = await Conversation.findAll({ where, order: [['id', 'DESC']], limit: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return { data: page.map(presentConversation), nextCursor: rows.length > query.limit ? String(page.at(-1)!.id) : null };
}

export async function findConversation(id: number): Promise<ConversationView | undefined> {
  const conversation = await Conversation.findByPk(id);
  return conversation ? presentConversation(conversation) : undefined;
}

/**
 * Messages after a sequence number, oldest first. Without `includeNotes` the timeline is the one the visitor
 * sees (internal notes left out), the same rule the widget follows.
 */
export async function listMessagePage(conversationId: number, query: { after: number; limit: number; includeNotes: boolean }): Promise<{ data: MessageView[]; nextAfter: number | null }> {
  const rows = await messagesAfter(conversationId, query.after, query.includeNotes ? 'agent' : 'visitor', query.limit + 1);
  const page = rows.slice(0, query.limit);
  return { data: page, nextAfter: rows.length > query.limit ? page.at(-1)!.seq : null };
}
