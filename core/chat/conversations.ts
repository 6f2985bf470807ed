import { randomUUID } from 'node:crypto';
import { literal, Op, QueryTypes, type Order, type Sequelize } from 'sequelize';
import type { StaffView } from '../accounts/index.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { Conversation, Message, User, Visitor, type ConversationOrigin } from '../models/index.ts';
import { articleCardFor } from './article-cards.ts';
import { attachmentsForMessage } from './attachments.ts';
import { ChatRefusedError } from './chat-errors.ts';
import { messagePreview, presentConversation, type ConversationView, type MessageView } from './chat-views.ts';
import { messagesAfter, postMessage, type Posted } from './message-store.ts';
import { applyRoute, routeConversation } from './routing.ts';

/**
 * A visitor's first message opens a conversation. Idempotent like every message: resending the same
 * `clientId` returns the conversation the first attempt created.
 */
export async function startConversation(sequelize: Sequelize, visitorId: string, input: { clientId: string; body: string; origin: ConversationOrigin }): Promise<{ conversation: ConversationView; routed: Posted[] } & Posted> {
  return sequelize.transaction(async (transaction) => {
    // Two tabs flushing the same first message must not open two conversations: one waits for the other.
    await sequelize.query('SELECT pg_advisory_xact_lock(hashtext(:clientId))', { replacements: { clientId: input.clientId }, transaction });
    const earlier = await Message.findOne({ where: { clientId: input.clientId }, transaction });
    const route = earlier ? undefined : await routeConversation(sequelize, input.origin, transaction);
    const conversationId = earlier
      ? earlier.conversationId
      : (await Conversation.create({ visitorId, origin: input.origin, assigneeId: null, teamId: route!.team.id, lastMessageAt: null, waitingSince: null }, { transaction })).id;
    const posted = await postMessage(sequelize, { conversationId, visitorId, clientId: input.clientId, sender: 'visitor', senderUserId: null, kind: 'text', body: input.body }, transaction);
    // Routing writes its assignment event after the visitor's message, in the same transaction.
    const routed = route && !posted.duplicate ? await applyRoute(sequelize, conversationId, route, transaction) : [];
    const conversation = routed.at(-1)?.conversation ?? posted.conversation ?? presentConversation(await Conversation.findByPk(conversationId, { rejectOnEmpty: true, transaction }));
    return { ...posted, conversation, routed };
  });
}

/** The visitor's own conversation, or a refusal that tells nothing about anyone else's. */
export async function visitorConversation(visitorId: string, conversationId: number): Promise<Conversation> {
  const conversation = await Conversation.findByPk(conversationId);
  if (!conversation || conversation.visitorId !== visitorId) throw new ChatRefusedError('not_found', 'No such conversation.');
  return conversation;
}

export async function listVisitorConversations(visitorId: string): Promise<ConversationView[]> {
  const rows = await Conversation.findAll({ where: { visitorId }, order: [['createdAt', 'DESC']], limit: 50 });
  return rows.map(presentConversation);
}

export async function visitorMessage(sequelize: Sequelize, visitorId: string, input: { conversationId: number; clientId: string; body: string; attachmentIds?: string[] }): Promise<Posted> {
  const { attachmentIds = [], ...message } = input;
  await visitorConversation(visitorId, input.conversationId);
  // A resend after a lost ack must get the original ack back: its files are already claimed by it, so they
  // are not checked again (the stored message keeps them; postMessage answers with it).
  const resend = await isResend(input.clientId);
  const attachments = resend ? [] : await attachmentsForMessage(sequelize, input.conversationId, { kind: 'visitor', visitorId }, attachmentIds);
  return postMessage(sequelize, { ...message, attachments, visitorId, sender: 'visitor', senderUserId: null, kind: 'text' });
}

/** Whether a message with this client id is already stored (a resend, answered by postMessage's dedupe). */
async function isResend(clientId: string): Promise<boolean> {
  return (await Message.count({ where: { clientId } })) > 0;
}

export async function visitorSync(visitorId: string, conversationId: number, afterSeq: number): Promise<MessageView[]> {
  await visitorConversation(visitorId, conversationId);
  return messagesAfter(conversationId, afterSeq, 'visitor');
}

/** Marks what one side has read, up to a sequence number: never backwards, never past the last message. */
export async function markSeen(conversationId: number, side: 'visitor' | 'agent', seq: number): Promise<number> {
  const column = side === 'visitor' ? 'visitor_seen_seq' : 'agent_seen_seq';
  const [row] = await Conversation.sequelize!.query<{ seen: number }>(
    `UPDATE conversations SET ${column} = LEAST(GREATEST(${column}, :seq), last_seq) WHERE id = :conversationId RETURNING ${column} AS seen`,
    { replacements: { conversationId, seq }, type: QueryTypes.SELECT },
  );
  if (!row) throw new ChatRefusedError('not_found', 'No such conversation.');
  return row.seen;
}

/** The inbox's lists: open conversations not snoozed (all, by owner, or of my teams), and the snoozed ones. */
export type InboxView = 'unassigned' | 'mine' | 'team' | 'all' | 'snoozed';

export interface InboxRow extends ConversationView {
  visitor: { id: string; name: string | null; email: string | null; locale: string | null };
  /** The owner's name when the list was read (live updates carry only `assigneeId`). */
  assigneeName: string | null;
  preview: string | null;
}

/**
 * Open conversations for operators, longest-waiting first; snoozed ones (until a time still ahead) only in
 * `snoozed`, soonest to wake first. A snooze whose time has passed counts as awake here even before the
 * waker clears it.
 */
export async function listInbox(staff: StaffView, view: InboxView): Promise<InboxRow[]> {
  const snoozed = literal('snoozed_until > now()');
  const where = {
    status: 'open' as const,
    ...(view === 'unassigned' ? { assigneeId: null } : view === 'mine' ? { assigneeId: staff.id } : {}),
    [Op.and]: [
      view === 'snoozed' ? snoozed : literal('(snoozed_until IS NULL OR snoozed_until <= now())'),
      ...(view === 'team' ? [literal(`team_id IN (SELECT team_id FROM team_members WHERE user_id = ${Number(staff.id)})`)] : []),
    ],
  };
  const order: Order = view === 'snoozed' ? [['snoozedUntil', 'ASC'], ['id', 'ASC']] : [[literal('waiting_since IS NULL'), 'ASC'], ['waitingSince', 'ASC'], ['lastMessageAt', 'DESC']];
  const rows = await Conversation.findAll({ where, order, limit: 200 });
  const visitors = await Visitor.findAll({ where: { id: { [Op.in]: rows.map((r) => r.visitorId) } } });
  const byId = new Map(visitors.map((v) => [v.id, v]));
  const assigneeIds = [...new Set(rows.map((r) => r.assigneeId).filter((id): id is number => id !== null))];
  const assignees = new Map((assigneeIds.length ? await User.findAll({ attributes: ['id', 'name'], where: { id: { [Op.in]: assigneeIds } } }) : []).map((u) => [u.id, u.name]));
  const previews = rows.length
    ? await Message.findAll({ where: { [Op.or]: rows.map((r) => ({ conversationId: r.id, seq: r.lastSeq })) }, attributes: ['conversationId', 'body', 'kind', 'card', 'attachments'] })
    : [];
  const previewOf = new Map(previews.map((m) => [m.conversationId, messagePreview(m)]));
  return rows.map((r) => {
    const v = byId.get(r.visitorId);
    const visitor = { id: r.visitorId, name: v?.name ?? null, email: v?.email ?? null, locale: v?.locale ?? null };
    return { ...presentConversation(r), visitor, assigneeName: r.assigneeId === null ? null : (assignees.get(r.assigneeId) ?? null), preview: previewOf.get(r.id) ?? null };
  });
}

/**
 * An operator's message or internal note, with files and at most one help-center article card. The first
 * operator to reply to an unassigned conversation becomes its owner (in the same statement as the reply, see
 * `post_chat_message`). A resend of a stored message skips the checks of its files and article — they were
 * claimed (or may since be unpublished) by the original — so it gets the original ack, as any resend does.
 */
export async function agentMessage(sequelize: Sequelize, staff: StaffView, input: { conversationId: number; clientId: string; body: string; kind: 'text' | 'note'; attachmentIds?: string[]; card?: { articleId: number } | undefined }): Promise<Posted> {
  const { attachmentIds = [], card, ...message } = input;
  const resend = await isResend(input.clientId);
  const attachments = resend ? [] : await attachmentsForMessage(sequelize, input.conversationId, { kind: 'agent', userId: staff.id }, attachmentIds);
  const articleCard = card && !resend ? await articleCardFor(card.articleId) : null;
  return postMessage(sequelize, { ...message, attachments, card: articleCard, sender: 'agent', senderUserId: staff.id });
}

/**
 * Closes or reopens a conversation, recorded as an event in its timeline and in the audit log, together.
 * Closing also ends a snooze: a conversation reopened later starts in the lists, not hidden.
 */
export async function setConversationStatus(sequelize: Sequelize, staff: StaffView, conversationId: number, status: 'open' | 'closed'): Promise<Posted> {
  const body = `${status === 'closed' ? 'Closed' : 'Reopened'} by ${staff.name}`;
  return sequelize.transaction(async (transaction) => {
    if (status === 'closed') await Conversation.update({ snoozedUntil: null, snoozedAt: null }, { where: { id: conversationId }, transaction });
    const posted = await postMessage(sequelize, { conversationId, clientId: randomUUID(), sender: 'system', senderUserId: staff.id, kind: 'event', body, setStatus: status }, transaction);
    await recordAudit({ actor: staff, action: status === 'closed' ? 'conversation.close' : 'conversation.reopen', target: { type: 'conversation', id: conversationId }, summary: body }, transaction);
    return posted;
  });
}

export async function agentSync(conversationId: number, afterSeq: number): Promise<{ conversation: ConversationView; messages: MessageView[] }> {
  const conversation = await Conversation.findByPk(conversationId);
  if (!conversation) throw new ChatRefusedError('not_found', 'No such conversation.');
  return { conversation: presentConversation(conversation), messages: await messagesAfter(conversationId, afterSeq, 'agent') };
}
