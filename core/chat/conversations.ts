import { randomUUID } from 'node:crypto';
import { literal, Op, QueryTypes, type Order, type Sequelize } from 'sequelize';
import type { StaffView } from '../accounts/index.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { Conversation, Message, User, Visitor, type ConversationOrigin } from '../models/index.ts';
import { articleCardFor } from './article-cards.ts';
import { attachmentsForMessage } from './attachments.ts';
import { ChatRefusedError } from './chat-errors.ts';
import { messagePreview, presentConversation, presentConversationToVisitor, type ConversationView, type MessageView, type VisitorConversationView } from './chat-views.ts';
import { messagesAfter, postMessage, type Posted } from './message-store.ts';
import { answersFor, escalateIfOffered, postOffer, type AnswerFinder } from './answer-bot.ts';
import { applyRoute, routeConversation } from './routing.ts';
import { verifiedOrigin } from './verified-origin.ts';

/**
 * A visitor's first message opens a conversation, routed by its origin once the origin's reaction is checked
 * against the stored one (verified-origin.ts). Idempotent like every message: resending the same
 * `clientId` returns the conversation the first attempt created. With `answers` and a team whose answer bot
 * is on, relevant articles are offered first (`offered`, see answer-bot.ts) and routing waits for the
 * visitor's answer: the conversation is then in no operator's queue.
 */
export async function startConversation(sequelize: Sequelize, visitorId: string, input: { clientId: string; body: string; origin: ConversationOrigin }, answers?: AnswerFinder): Promise<{ conversation: ConversationView; routed: Posted[]; offered: Posted[] } & Posted> {
  return sequelize.transaction(async (transaction) => {
    // Two tabs flushing the same first message must not open two conversations: one waits for the other.
    await sequelize.query('SELECT pg_advisory_xact_lock(hashtext(:clientId))', { replacements: { clientId: input.clientId }, transaction });
    const earlier = await Message.findOne({ where: { clientId: input.clientId }, transaction });
    const origin = earlier ? input.origin : await verifiedOrigin(sequelize, visitorId, input.origin, transaction);
    const route = earlier ? undefined : await routeConversation(sequelize, origin, transaction);
    const cards = route ? await answersFor(route, input.body, visitorId, answers, transaction) : [];
    const conversationId = earlier
      ? earlier.conversationId
      : (await Conversation.create({ visitorId, origin, assigneeId: null, teamId: route!.team.id, lastMessageAt: null, waitingSince: null, botOutcome: cards.length > 0 ? 'offered' : null }, { transaction })).id;
    const posted = await postMessage(sequelize, { conversationId, visitorId, clientId: input.clientId, sender: 'visitor', senderUserId: null, kind: 'text', body: input.body }, transaction);
    const fresh = route && !posted.duplicate;
    // The bot's offer, or routing's assignment event, follows the visitor's message in the same transaction.
    const offered = fresh && cards.length > 0 ? await postOffer(sequelize, conversationId, cards, transaction) : [];
    const routed = fresh && cards.length === 0 ? await applyRoute(sequelize, conversationId, route!, transaction) : [];
    const conversation = [posted, ...offered, ...routed].at(-1)?.conversation ?? presentConversation(await Conversation.findByPk(conversationId, { rejectOnEmpty: true, transaction }));
    return { ...posted, conversation, routed, offered };
  });
}

/** The visitor's own conversation, or a refusal that tells nothing about anyone else's. */
export async function visitorConversation(visitorId: string, conversationId: number): Promise<Conversation> {
  const conversation = await Conversation.findByPk(conversationId);
  if (!conversation || conversation.visitorId !== visitorId) throw new ChatRefusedError('not_found', 'No such conversation.');
  return conversation;
}

export async function listVisitorConversations(visitorId: string): Promise<VisitorConversationView[]> {
  const rows = await Conversation.findAll({ where: { visitorId }, order: [['createdAt', 'DESC']], limit: 50 });
  return rows.map((row) => presentConversationToVisitor(presentConversation(row)));
}

/**
 * A visitor's message into one of their conversations. Writing while the answer bot waits for "That helped" /
 * "I still need help" means they still need help: the conversation goes to the team (`escalated`: its events).
 */
export async function visitorMessage(sequelize: Sequelize, visitorId: string, input: { conversationId: number; clientId: string; body: string; attachmentIds?: string[] }): Promise<Posted & { escalated: Posted[] }> {
  const { attachmentIds = [], ...message } = input;
  await visitorConversation(visitorId, input.conversationId);
  // A resend after a lost ack must get the original ack back: its files are already claimed by it, so they
  // are not checked again (the stored message keeps them; postMessage answers with it).
  const resend = await isResend(input.clientId);
  const attachments = resend ? [] : await attachmentsForMessage(sequelize, input.conversationId, { kind: 'visitor', visitorId }, attachmentIds);
  const posted = await postMessage(sequelize, { ...message, attachments, visitorId, sender: 'visitor', senderUserId: null, kind: 'text' });
  const escalated = !posted.duplicate && posted.conversation?.botOutcome === 'offered' ? await escalateIfOffered(sequelize, input.conversationId) : [];
  return { ...posted, escalated };
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
      // The answer bot is still waiting for the visitor's "That helped" / "I still need help": not a person's job yet.
      literal("bot_outcome IS DISTINCT FROM 'offered'"),
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
    const posted = await postMessage(sequelize, { conversationId, clientId: randomUUID(), sender: 'system', senderUserId: staff.id, kind: 'event', body, event: { type: status === 'closed' ? 'closed' : 'reopened' }, setStatus: status }, transaction);
    await recordAudit({ actor: staff, action: status === 'closed' ? 'conversation.close' : 'conversation.reopen', target: { type: 'conversation', id: conversationId }, summary: body }, transaction);
    return posted;
  });
}

export async function agentSync(conversationId: number, afterSeq: number): Promise<{ conversation: ConversationView; messages: MessageView[] }> {
  const conversation = await Conversation.findByPk(conversationId);
  if (!conversation) throw new ChatRefusedError('not_found', 'No such conversation.');
  return { conversation: presentConversation(conversation), messages: await messagesAfter(conversationId, afterSeq, 'agent') };
}
