import { describe, expect, it } from 'vitest';
import { byWaitingTime, isUnread, lastSeq, mergeConversation, mergeMessages, rowsOf, tabCounts, withMessage } from '../../../../admin/components/inbox/inbox-state.ts';
import type { InboxRow, MessageView } from '../../../../core/chat/index.ts';

const row = (id: number, over: Partial<InboxRow> = {}): InboxRow => ({
  id,
  status: 'open',
  origin: { kind: 'launcher' },
  assigneeId: null,
  teamId: 1,
  lastSeq: 1,
  visitorSeenSeq: 1,
  agentSeenSeq: 0,
  lastMessageAt: '2026-11-23T10:00:00.000Z',
  waitingSince: null,
  snoozedUntil: null,
  snoozedAt: null,
  botOutcome: null,
  createdAt: '2026-11-23T10:00:00.000Z',
  visitor: { id: `v${id}`, name: null, email: null, locale: 'en' },
  assigneeName: null,
  preview: 'hi',
  ...over,
});
const message = (seq: number, over: Partial<MessageView> = {}): MessageView => ({
  conversationId: 1,
  seq,
  clientId: `c${seq}`,
  sender: 'visitor',
  attachments: [],
  senderName: null,
  kind: 'text',
  body: `m${seq}`,
  createdAt: '2026-11-23T10:00:00.000Z',
  ...over,
});

describe('inbox state', () => {
  it('counts and filters tabs by assignee, open conversations only', () => {
    const rows = [row(1), row(2, { assigneeId: 7 }), row(3, { assigneeId: 8 }), row(4, { status: 'closed' })];
    expect(tabCounts(rows, 7)).toEqual({ unassigned: 1, mine: 1, team: 0, all: 3, snoozed: 0 });
    expect(rowsOf(rows, 'mine', 7).map((r) => r.id)).toEqual([2]);
  });

  it('lists under Team the open, awake conversations of the teams I belong to, whoever owns them', () => {
    const now = Date.parse('2026-11-23T12:00:00.000Z');
    const rows = [row(1, { teamId: 2 }), row(2, { teamId: 2, assigneeId: 8 }), row(3, { teamId: 3 }), row(4, { teamId: 2, status: 'closed' }), row(5, { teamId: 2, snoozedUntil: '2026-11-24T09:00:00.000Z' })];
    expect(tabCounts(rows, 7, now, new Set([2]))).toEqual({ unassigned: 2, mine: 0, team: 2, all: 3, snoozed: 1 });
    expect(rowsOf(rows, 'team', 7, now, new Set([2, 3])).map((r) => r.id)).toEqual([3, 2, 1]); // same activity: newest first
    expect(rowsOf(rows, 'team', 7, now, new Set())).toEqual([]);
  });

  it('keeps snoozed conversations under Snoozed only, soonest first, until their time comes', () => {
    const now = Date.parse('2026-11-23T12:00:00.000Z');
    const rows = [row(1), row(2, { snoozedUntil: '2026-11-24T09:00:00.000Z', assigneeId: 7 }), row(3, { snoozedUntil: '2026-11-23T13:00:00.000Z' }), row(4, { snoozedUntil: '2026-11-23T11:59:59.000Z' })];
    expect(tabCounts(rows, 7, now)).toEqual({ unassigned: 2, mine: 0, team: 0, all: 2, snoozed: 2 });
    expect(rowsOf(rows, 'snoozed', 7, now).map((r) => r.id)).toEqual([3, 2]);
    // An hour later the first snooze has ended: it is back where it belongs, before the server says so.
    expect(rowsOf(rows, 'unassigned', 7, now + 3_600_000).map((r) => r.id)).toContain(3);
    expect(rowsOf(rows, 'snoozed', 7, now + 3_600_000).map((r) => r.id)).toEqual([2]);
  });

  it('sorts the longest-waiting first, then the rest by latest activity', () => {
    const rows = [
      row(1, { lastMessageAt: '2026-11-23T09:00:00.000Z' }),
      row(2, { waitingSince: '2026-11-23T10:05:00.000Z' }),
      row(3, { lastMessageAt: '2026-11-23T11:00:00.000Z' }),
      row(4, { waitingSince: '2026-11-23T10:01:00.000Z' }),
    ];
    expect([...rows].sort(byWaitingTime).map((r) => r.id)).toEqual([4, 2, 3, 1]);
  });

  it('merges messages by seq: an ack, a broadcast and a catch-up of one message leave one copy, in order', () => {
    const merged = mergeMessages([message(1), message(3)], [message(3), message(2), message(3)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(lastSeq(merged)).toBe(3);
    expect(lastSeq([])).toBe(0);
  });

  it('never rolls a row back to an older state, and keeps seen marks moving forward', () => {
    const current = row(1, { lastSeq: 5, agentSeenSeq: 5, assigneeId: 7 });
    expect(mergeConversation(current, row(1, { lastSeq: 4, agentSeenSeq: 3, assigneeId: null }))).toMatchObject({ lastSeq: 5, assigneeId: 7, agentSeenSeq: 5 });
    expect(mergeConversation(current, row(1, { lastSeq: 6, agentSeenSeq: 2, status: 'closed' }))).toMatchObject({ lastSeq: 6, status: 'closed', agentSeenSeq: 5 });
  });

  it('shows the newest message as the preview and as unread', () => {
    const updated = withMessage(row(1, { lastSeq: 1, agentSeenSeq: 1 }), message(2, { body: 'still there?' }));
    expect(updated).toMatchObject({ lastSeq: 2, preview: 'still there?' });
    expect(isUnread(updated)).toBe(true);
    expect(withMessage(updated, message(1, { body: 'old' })).preview).toBe('still there?');
  });
});
