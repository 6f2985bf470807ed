import type { Conversation, ConversationOrigin, Message, MessageKind, MessageSender } from '../models/index.ts';
import type { ArticleCard } from './article-cards.ts';
import type { AttachmentView } from './attachments.ts';

/** A message as clients receive it (in acks, broadcasts and catch-ups). */
export interface MessageView {
  conversationId: number;
  seq: number;
  clientId: string;
  sender: MessageSender;
  senderName: string | null;
  kind: MessageKind;
  body: string;
  attachments: AttachmentView[];
  /**
   * A help-center article the operator sent (see article-cards.ts); null for every other message. Optional:
   * copies a browser kept from before cards existed have none.
   */
  card?: ArticleCard | null;
  createdAt: string;
}

export interface ConversationView {
  id: number;
  status: 'open' | 'closed';
  origin: ConversationOrigin;
  assigneeId: number | null;
  lastSeq: number;
  visitorSeenSeq: number;
  agentSeenSeq: number;
  lastMessageAt: string | null;
  waitingSince: string | null;
  createdAt: string;
}

export function presentMessage(message: Message, senderName: string | null = null): MessageView {
  const { conversationId, seq, clientId, sender, kind, body, attachments } = message;
  return { conversationId, seq, clientId, sender, senderName, kind, body, attachments, card: message.card ?? null, createdAt: message.createdAt.toISOString() };
}

export function presentConversation(c: Conversation): ConversationView {
  return {
    id: c.id,
    status: c.status,
    origin: c.origin,
    assigneeId: c.assigneeId,
    lastSeq: c.lastSeq,
    visitorSeenSeq: c.visitorSeenSeq,
    agentSeenSeq: c.agentSeenSeq,
    lastMessageAt: c.lastMessageAt?.toISOString() ?? null,
    waitingSince: c.waitingSince?.toISOString() ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}

/** The highest sequence number a timeline holds: what a client's `conversation:sync` asks to continue after. */
export function lastSeq(messages: readonly { seq: number }[]): number {
  return messages.reduce((max, m) => Math.max(max, m.seq), 0);
}
