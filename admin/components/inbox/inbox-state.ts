import type { ConversationView, InboxRow, MessageView } from '../../../core/chat/index.ts';

export { lastSeq } from '../../../core/chat/chat-views.ts';

/** The inbox's tabs, as the protocol names its views. */
export type InboxTab = 'unassigned' | 'mine' | 'team' | 'all' | 'snoozed';

/** Snoozed until a time still ahead; a passed time counts as awake before the server clears it (as the server's lists do). */
export const isSnoozed = (row: ConversationView, now: number): boolean => row.snoozedUntil !== null && Date.parse(row.snoozedUntil) > now;

/** No teams: the Team tab is empty. */
const NO_TEAMS: ReadonlySet<number> = new Set();

/**
 * Whether an open conversation belongs in a tab, for the operator with id `me` who belongs to `myTeams`;
 * snoozed ones only under Snoozed.
 */
export function inTab(row: ConversationView, tab: InboxTab, me: number, now: number = Date.now(), myTeams: ReadonlySet<number> = NO_TEAMS): boolean {
  if (row.status !== 'open') return false;
  if (tab === 'snoozed') return isSnoozed(row, now);
  if (isSnoozed(row, now)) return false;
  if (tab === 'unassigned') return row.assigneeId === null;
  if (tab === 'mine') return row.assigneeId === me;
  if (tab === 'team') return myTeams.has(row.teamId);
  return true;
}

/** How many open conversations each tab holds. */
export function tabCounts(rows: readonly ConversationView[], me: number, now: number = Date.now(), myTeams: ReadonlySet<number> = NO_TEAMS): Record<InboxTab, number> {
  const count = (tab: InboxTab) => rows.filter((row) => inTab(row, tab, me, now, myTeams)).length;
  return { unassigned: count('unassigned'), mine: count('mine'), team: count('team'), all: count('all'), snoozed: count('snoozed') };
}

/**
 * The server's order (`inbox:list`): visitors waiting for an answer first, longest wait first; then the
 * rest, most recent activity first. Kept identical so a live update never reshuffles what a refresh shows.
 */
export function byWaitingTime(a: ConversationView, b: ConversationView): number {
  if (a.waitingSince && b.waitingSince) return a.waitingSince.localeCompare(b.waitingSince) || a.id - b.id;
  if (a.waitingSince) return -1;
  if (b.waitingSince) return 1;
  return (b.lastMessageAt ?? '').localeCompare(a.lastMessageAt ?? '') || b.id - a.id;
}

/** Snoozed conversations: the soonest to wake first (as the server lists them). */
const bySnoozeEnd = (a: ConversationView, b: ConversationView): number => (a.snoozedUntil ?? '').localeCompare(b.snoozedUntil ?? '') || a.id - b.id;

/** The rows of one tab, in order. */
export function rowsOf(rows: readonly InboxRow[], tab: InboxTab, me: number, now: number = Date.now(), myTeams: ReadonlySet<number> = NO_TEAMS): InboxRow[] {
  return rows.filter((row) => inTab(row, tab, me, now, myTeams)).sort(tab === 'snoozed' ? bySnoozeEnd : byWaitingTime);
}

/** Unread: something arrived after what operators last marked seen. */
export const isUnread = (row: ConversationView): boolean => row.lastSeq > row.agentSeenSeq;

/**
 * A conversation's new state merged into its row. A late event must not roll a row back, so the one with
 * the higher `lastSeq` wins; equal ones take the update (assignment and status change the row, not the seq
 * — they add an event message, so they arrive with a higher seq anyway).
 */
export function mergeConversation<T extends ConversationView>(row: T, update: ConversationView): T {
  if (update.lastSeq < row.lastSeq) return { ...row, agentSeenSeq: Math.max(row.agentSeenSeq, update.agentSeenSeq) };
  return { ...row, ...update, agentSeenSeq: Math.max(row.agentSeenSeq, update.agentSeenSeq), visitorSeenSeq: Math.max(row.visitorSeenSeq, update.visitorSeenSeq) };
}

/** A row's preview after a message: the newest message is what the list shows (as the server does). */
export function withMessage(row: InboxRow, message: MessageView): InboxRow {
  if (message.seq < row.lastSeq) return row;
  return { ...row, lastSeq: message.seq, preview: message.body.slice(0, 140) };
}

/**
 * Merges messages into a timeline by `seq`: a message already there (from an ack, a broadcast and a
 * catch-up alike) is kept once; the result is in order.
 */
export function mergeMessages(timeline: readonly MessageView[], incoming: readonly MessageView[]): MessageView[] {
  const bySeq = new Map(timeline.map((m) => [m.seq, m]));
  for (const message of incoming) bySeq.set(message.seq, message);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
