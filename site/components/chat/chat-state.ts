import { lastSeq, type MessageView, type VisitorConversationView } from '../../../core/chat/chat-views.ts';

import type { ChatInvitation } from './open-chat.ts';

export type { MessageView, VisitorConversationView };
export { lastSeq };

/**
 * A message the visitor wrote that the server has not acknowledged yet. It stays in the outbox (kept in
 * localStorage) until an ack says it is stored, so a reload, a lost connection or a server restart never
 * loses it. `conversationId: null` means "the conversation this message starts": the first such entry is
 * sent as `conversation:start`, and the ones queued after it join the conversation it creates.
 */
export interface OutboxEntry {
  clientId: string;
  conversationId: number | null;
  body: string;
  createdAt: string;
  /** `failed`: the server refused it, or gave no answer in time while connected; it waits for Retry. */
  state: 'pending' | 'failed';
  /** Why it failed: a protocol error code, or `timeout`. */
  error?: string | undefined;
  /** Files already uploaded into the conversation, sent by id with the message (the body may then be empty). */
  attachments?: MessageView['attachments'];
  /** What the conversation this message starts is about (an article, a search); none = the launcher. */
  origin?: ChatInvitation['origin'];
}

/** One line of the conversation as the panel shows it. */
export interface TimelineItem {
  key: string;
  sender: MessageView['sender'];
  senderName: string | null;
  kind: MessageView['kind'];
  body: string;
  /** Files sent with the message (messages stored before attachments existed have none). */
  attachments: MessageView['attachments'];
  /** A help-center article the team sent, or null. */
  card: NonNullable<MessageView['card']> | null;
  /** What a timeline event did, to word it for the visitor; null for other messages and older events. */
  event: NonNullable<MessageView['event']> | null;
  createdAt: string;
  seq: number | null;
  state: 'pending' | 'sent' | 'failed' | 'seen';
}

/**
 * Adds server messages to the ones already known: one entry per `seq` (and per `clientId`), oldest first.
 * Internal notes are dropped even though the server never sends them to a visitor — the widget must not be
 * the place where one could leak. Returns the same array when nothing is new, so callers can skip work.
 */
export function mergeMessages(known: readonly MessageView[], incoming: readonly MessageView[]): readonly MessageView[] {
  const seqs = new Set(known.map((m) => m.seq));
  const clientIds = new Set(known.map((m) => m.clientId));
  const added = incoming.filter((m) => {
    if (m.kind === 'note' || seqs.has(m.seq) || clientIds.has(m.clientId)) return false;
    seqs.add(m.seq);
    clientIds.add(m.clientId);
    return true;
  });
  if (added.length === 0) return known;
  return [...known, ...added].sort((a, b) => a.seq - b.seq);
}


/** A broadcast that skips numbers means some were missed (e.g. during a reconnect): time to sync. */
export function hasGap(messages: readonly MessageView[], incoming: MessageView): boolean {
  return incoming.seq > lastSeq(messages) + 1;
}

/** Queues a message at the end of the outbox (order of writing is order of sending). */
export function enqueue(outbox: readonly OutboxEntry[], entry: Omit<OutboxEntry, 'state'>): OutboxEntry[] {
  if (outbox.some((e) => e.clientId === entry.clientId)) return [...outbox];
  return [...outbox, { ...entry, state: 'pending' }];
}

/**
 * The server stored this message: it leaves the outbox. When it started a conversation, the messages
 * queued behind it for "the new conversation" now belong to the one it created.
 */
export function acknowledge(outbox: readonly OutboxEntry[], clientId: string, conversationId: number): OutboxEntry[] {
  const acked = outbox.find((e) => e.clientId === clientId);
  return outbox
    .filter((e) => e.clientId !== clientId)
    .map((e) => (acked?.conversationId === null && e.conversationId === null ? { ...e, conversationId } : e));
}

export function markFailed(outbox: readonly OutboxEntry[], clientId: string, error: string): OutboxEntry[] {
  return outbox.map((e) => (e.clientId === clientId ? { ...e, state: 'failed' as const, error } : e));
}

/** Retry: back in the queue, in its original place. */
export function markPending(outbox: readonly OutboxEntry[], clientId: string): OutboxEntry[] {
  return outbox.map((e) => (e.clientId === clientId ? { ...e, state: 'pending' as const, error: undefined } : e));
}

/**
 * The next message to send: the oldest pending one. Sending one at a time, in writing order, is what keeps
 * the order on the server — and lets a message queued for "the new conversation" learn its id from the
 * ack of the one that started it.
 */
export function nextToSend(outbox: readonly OutboxEntry[]): OutboxEntry | undefined {
  return outbox.find((e) => e.state === 'pending');
}

/** Failures that say nothing about the message itself; a reconnect retries them without a click. */
const TRANSIENT = new Set(['timeout', 'internal', 'rate_limited']);

/** After a reconnect: messages that failed for a transient reason go back in the queue. */
export function requeueTransient(outbox: readonly OutboxEntry[]): OutboxEntry[] {
  return outbox.map((e) => (e.state === 'failed' && TRANSIENT.has(e.error ?? '') ? { ...e, state: 'pending' as const, error: undefined } : e));
}

/**
 * The conversation as shown: stored messages by seq, then the visitor's unacknowledged ones in writing
 * order. A message already stored never shows twice, even while its outbox entry is still there (an ack
 * lost after a broadcast from another tab arrived).
 */
export function timeline(messages: readonly MessageView[], outbox: readonly OutboxEntry[], conversationId: number | null, agentSeenSeq: number): TimelineItem[] {
  const stored = new Set(messages.map((m) => m.clientId));
  const sent: TimelineItem[] = messages
    .filter((m) => m.kind !== 'note')
    .map((m) => ({
      key: m.clientId,
      sender: m.sender,
      senderName: m.senderName,
      kind: m.kind,
      body: m.body,
      attachments: m.attachments ?? [],
      card: m.card ?? null,
      event: m.event ?? null,
      createdAt: m.createdAt,
      seq: m.seq,
      state: m.sender === 'visitor' && m.seq <= agentSeenSeq ? 'seen' : 'sent',
    }));
  const unsent: TimelineItem[] = outbox
    .filter((e) => e.conversationId === conversationId && !stored.has(e.clientId))
    .map((e) => ({ key: e.clientId, sender: 'visitor', senderName: null, kind: 'text', body: e.body, attachments: e.attachments ?? [], card: null, event: null, createdAt: e.createdAt, seq: null, state: e.state }));
  return [...sent, ...unsent];
}

/** Replies from the team the visitor has not seen yet (their own messages and timeline events do not count). */
export function unreadCount(messages: readonly MessageView[], seenSeq: number): number {
  return messages.filter((m) => m.sender === 'agent' && m.kind === 'text' && m.seq > seenSeq).length;
}
