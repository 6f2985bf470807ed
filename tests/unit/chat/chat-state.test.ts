import { describe, expect, it } from 'vitest';
import { acknowledge, enqueue, hasGap, lastSeq, markFailed, markPending, mergeMessages, nextToSend, requeueTransient, timeline, unreadCount, type MessageView, type OutboxEntry } from '../../../site/components/chat/chat-state.ts';

const message = (seq: number, overrides: Partial<MessageView> = {}): MessageView => ({
  conversationId: 7,
  seq,
  clientId: `c-${seq}`,
  sender: 'visitor',
  attachments: [],
  senderName: null,
  kind: 'text',
  body: `message ${seq}`,
  createdAt: '2026-11-23T10:00:00.000Z',
  ...overrides,
});
const entry = (clientId: string, conversationId: number | null, body = clientId) => ({ clientId, conversationId, body, createdAt: '2026-11-23T10:00:00.000Z' });

describe('merging messages', () => {
  it('keeps one copy per seq and per clientId, oldest first, whatever order they arrive in', () => {
    const merged = mergeMessages([message(2)], [message(4), message(1), message(2), message(3), message(4)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    // The ack of a message and its broadcast from another tab: the same clientId, seen twice.
    expect(mergeMessages(merged, [message(5, { clientId: 'c-3' })]).map((m) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('returns the same array when nothing is new, so the caller can skip work', () => {
    const known = [message(1), message(2)];
    expect(mergeMessages(known, [message(2)])).toBe(known);
  });

  it('never keeps an internal note, even if one were sent', () => {
    expect(mergeMessages([], [message(1), message(2, { kind: 'note', sender: 'agent', body: 'VIP, be nice' })]).map((m) => m.body)).toEqual(['message 1']);
  });

  it('knows the last seq, and spots a broadcast that skipped some', () => {
    expect(lastSeq([])).toBe(0);
    expect(lastSeq([message(1), message(3)])).toBe(3);
    expect(hasGap([message(1), message(2)], message(3))).toBe(false);
    expect(hasGap([message(1), message(2)], message(4))).toBe(true);
  });
});

describe('the outbox', () => {
  it('sends in writing order, one at a time, and skips failed messages until retried', () => {
    let outbox: OutboxEntry[] = [];
    for (const id of ['a', 'b', 'c']) outbox = enqueue(outbox, entry(id, 7));
    expect(nextToSend(outbox)?.clientId).toBe('a');
    outbox = markFailed(outbox, 'a', 'invalid');
    expect(nextToSend(outbox)?.clientId).toBe('b');
    outbox = markPending(outbox, 'a');
    expect(nextToSend(outbox)?.clientId).toBe('a');
  });

  it('does not queue the same clientId twice', () => {
    expect(enqueue(enqueue([], entry('a', 7)), entry('a', 7))).toHaveLength(1);
  });

  it('moves messages queued for a new conversation into the conversation the first one created', () => {
    const outbox = [entry('first', null), entry('second', null), entry('elsewhere', 3)].reduce<OutboxEntry[]>(enqueue, []);
    const after = acknowledge(outbox, 'first', 42);
    expect(after.map((e) => [e.clientId, e.conversationId])).toEqual([['second', 42], ['elsewhere', 3]]);
    // Acknowledging a message of an existing conversation leaves new-conversation entries alone.
    expect(acknowledge(enqueue(enqueue([], entry('x', 3)), entry('y', null)), 'x', 3).map((e) => e.conversationId)).toEqual([null]);
  });

  it('requeues after a reconnect what failed for a transient reason, not what the server refused', () => {
    const outbox = ['timeout', 'internal', 'invalid'].map((error, i) => ({ ...entry(`m${i}`, 7), state: 'failed' as const, error }));
    expect(requeueTransient(outbox).map((e) => e.state)).toEqual(['pending', 'pending', 'failed']);
  });
});

describe('the timeline', () => {
  it('shows stored messages, then unsent ones of this conversation, never one twice', () => {
    const messages = [message(1), message(2, { sender: 'agent', senderName: 'Olga' })];
    const outbox = [entry('c-2', 7), entry('later', 7), entry('other', 9), entry('new', null)].reduce<OutboxEntry[]>(enqueue, []);
    const items = timeline(messages, markFailed(outbox, 'later', 'timeout'), 7, 0);
    expect(items.map((i) => [i.key, i.state])).toEqual([
      ['c-1', 'sent'],
      ['c-2', 'sent'],
      ['later', 'failed'],
    ]);
    expect(timeline([], outbox, null, 0).map((i) => i.key)).toEqual(['new']);
  });

  it('marks the visitor’s messages seen up to what the team has read', () => {
    const items = timeline([message(1), message(2), message(3, { sender: 'agent' })], [], 7, 1);
    expect(items.map((i) => i.state)).toEqual(['seen', 'sent', 'sent']);
  });

  it('counts unread replies from the team only', () => {
    const messages = [message(1), message(2, { sender: 'agent' }), message(3, { sender: 'system', kind: 'event' }), message(4, { sender: 'agent' })];
    expect(unreadCount(messages, 0)).toBe(2);
    expect(unreadCount(messages, 2)).toBe(1);
  });
});
