import type { BotOutcome, Conversation, ConversationOrigin, Message, MessageKind, MessageSender, Visitor } from '../models/index.ts';
import type { ArticleCard } from './article-cards.ts';
import type { TimelineEvent } from './timeline-events.ts';
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
  /** What a timeline event did (see timeline-events.ts); null for other messages. Optional like `card`. */
  event?: TimelineEvent | null;
  createdAt: string;
}

export interface ConversationView {
  id: number;
  status: 'open' | 'closed';
  origin: ConversationOrigin;
  assigneeId: number | null;
  /** The team whose queue it is in. */
  teamId: number;
  lastSeq: number;
  visitorSeenSeq: number;
  agentSeenSeq: number;
  lastMessageAt: string | null;
  waitingSince: string | null;
  /** Snoozed until then (null: not snoozed); past that time it is awake, whether or not this is cleared yet. */
  snoozedUntil: string | null;
  snoozedAt: string | null;
  /** What the answer bot did: null (nothing), `offered` (waiting for the visitor's answer), `helped`, `escalated`. */
  botOutcome: BotOutcome | null;
  createdAt: string;
}

export function presentMessage(message: Message, senderName: string | null = null): MessageView {
  const { conversationId, seq, clientId, sender, kind, body, attachments } = message;
  return { conversationId, seq, clientId, sender, senderName, kind, body, attachments, card: message.card ?? null, event: message.event ?? null, createdAt: message.createdAt.toISOString() };
}

export function presentConversation(c: Conversation): ConversationView {
  return {
    id: c.id,
    status: c.status,
    origin: c.origin,
    assigneeId: c.assigneeId,
    teamId: c.teamId,
    lastSeq: c.lastSeq,
    visitorSeenSeq: c.visitorSeenSeq,
    agentSeenSeq: c.agentSeenSeq,
    lastMessageAt: c.lastMessageAt?.toISOString() ?? null,
    waitingSince: c.waitingSince?.toISOString() ?? null,
    snoozedUntil: c.snoozedUntil?.toISOString() ?? null,
    snoozedAt: c.snoozedAt?.toISOString() ?? null,
    botOutcome: c.botOutcome ?? null,
    createdAt: c.createdAt.toISOString(),
  };
}

/**
 * A conversation as its visitor receives it (`/visitor` acks and events): what the widget draws and needs to
 * count unread replies — none of the team's workings (owner, team, snooze, waiting time, origin).
 */
export interface VisitorConversationView {
  id: number;
  status: 'open' | 'closed';
  visitorSeenSeq: number;
  /** Up to where the team has read: the widget marks the visitor's messages "seen". */
  agentSeenSeq: number;
  /** The last message's sequence number: the tab that started a conversation syncs when the bot wrote after it. */
  lastSeq: number;
  /** The answer bot's state: the widget shows "That helped" / "I still need help" while it's 'offered'. */
  botOutcome: ConversationView['botOutcome'];
  createdAt: string;
}

export function presentConversationToVisitor(c: ConversationView): VisitorConversationView {
  const { id, status, visitorSeenSeq, agentSeenSeq, lastSeq, botOutcome, createdAt } = c;
  return { id, status, visitorSeenSeq, agentSeenSeq, lastSeq, botOutcome, createdAt };
}

/** What the inbox list shows of a conversation's last message: its text, else the article or files it carries. */
export function messagePreview(message: { body: string; card: ArticleCard | null; attachments: AttachmentView[] }): string | null {
  const text = message.body.trim() || (message.card ? `Article: ${message.card.title}` : message.attachments.map((file) => `📎 ${file.name}`).join(', '));
  return text ? text.slice(0, 140) : null;
}

/** The highest sequence number a timeline holds: what a client's `conversation:sync` asks to continue after. */
export function lastSeq(messages: readonly { seq: number }[]): number {
  return messages.reduce((max, m) => Math.max(max, m.seq), 0);
}

/** What the inbox's sidebar shows about a visitor (see visitor-profile.ts). */
export interface VisitorProfileView {
  id: string;
  name: string | null;
  email: string | null;
  /** The host site's user id when it verified who the visitor is; null for anonymous visitors. */
  externalId: string | null;
  locale: string | null;
  timeZone: string | null;
  online: boolean;
  lastSeenAt: string | null;
  /** From the widget's latest handshake. */
  page: string | null;
  pages: string[];
  entryPage: string | null;
  referrer: string | null;
  userAgent: string | null;
  /** Browser and OS recognised in `userAgent`, e.g. "Chrome 131 · Linux"; null when unrecognised. */
  device: string | null;
  conversations: Array<{ id: number; status: 'open' | 'closed'; createdAt: string; opener: string | null }>;
  reactions: Array<{ articleId: number; title: string; url: string; reaction: 'sad' | 'neutral' | 'happy'; at: string }>;
}

export function presentVisitorProfile(input: {
  visitor: Visitor;
  online: boolean;
  device: string | undefined;
  conversations: Array<{ conversation: Conversation; opener: string | null }>;
  reactions: VisitorProfileView['reactions'];
}): VisitorProfileView {
  const { visitor, online, device, conversations, reactions } = input;
  const context = visitor.context;
  return {
    id: visitor.id,
    name: visitor.name,
    email: visitor.email,
    externalId: visitor.externalId,
    locale: visitor.locale,
    timeZone: visitor.timeZone,
    online,
    lastSeenAt: visitor.lastSeenAt?.toISOString() ?? null,
    page: context.page ?? null,
    pages: context.pages ?? [],
    entryPage: context.entryPage ?? null,
    referrer: context.referrer || null,
    userAgent: context.userAgent ?? null,
    device: device ?? null,
    conversations: conversations.map(({ conversation, opener }) => ({ id: conversation.id, status: conversation.status, createdAt: conversation.createdAt.toISOString(), opener: opener?.slice(0, 140) ?? null })),
    reactions,
  };
}
