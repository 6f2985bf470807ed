import type { Sequelize } from 'sequelize';
import type { StaffView } from '../accounts/index.ts';
import { Conversation, type ConversationOrigin } from '../models/index.ts';
import type { Readable } from 'node:stream';
import type { AttachmentStore } from './attachment-store.ts';
import { findAttachment, takeAttachment, type AttachmentView, type Uploader } from './attachments.ts';
import { loadChatSecrets, type ChatSecrets } from './chat-secrets.ts';
import type { ConversationView, MessageView, VisitorConversationView, VisitorProfileView } from './chat-views.ts';
import { conversationAssigner, conversationClaimer, conversationTransferrer, type Transfer } from './assignment.ts';
import { rateConversation, ratingsByOperator, visitorRating, type OperatorRatings, type RatingScore, type RatingView } from './csat.ts';
import { agentMessage, agentSync, listInbox, listVisitorConversations, markSeen, setConversationStatus, startConversation, visitorConversation, visitorMessage, visitorSync, type InboxRow, type InboxView } from './conversations.ts';
import type { AuditActor } from '../audit/audit-log.ts';
import type { EventBus } from '../events.ts';
import identityKeyRotator from './identity-key-rotator.ts';
import { verifyIdentity, type IdentityClaim } from './identity.ts';
import { listPresence, setPresence, type Presence } from './presence.ts';
import type { Posted } from './message-store.ts';
import { conversationSnoozer, conversationUnsnoozer, wakeExpiredSnoozes } from './snooze.ts';
import { drainQueues } from './round-robin.ts';
import { botAnswerer, type AnswerFinder, type BotAnswered } from './answer-bot.ts';
import { conversationTeamMover } from './team-move.ts';
import { teamStatus, type TeamStatusQuery, type TeamStatusView } from './team-status.ts';
import { loadVisitorProfile } from './visitor-profile.ts';
import { issueVisitorToken, verifyVisitorToken } from './visitor-tokens.ts';
import { adoptableCookieVisitor, resolveVisitor, type VisitorFacts } from './visitors.ts';

export { ChatRefusedError, type ChatErrorCode } from './chat-errors.ts';
export type { ConversationView, MessageView, VisitorConversationView, VisitorProfileView } from './chat-views.ts';
export { presentConversationToVisitor } from './chat-views.ts';
export type { Transfer } from './assignment.ts';
export type { AnswerFinder, BotAnswered } from './answer-bot.ts';
export type { InboxRow, InboxView } from './conversations.ts';
export type { IdentityClaim } from './identity.ts';
export type { Presence } from './presence.ts';
export { teamStatusSchema, type TeamStatusQuery, type TeamStatusView } from './team-status.ts';
export type { AttachmentView, Uploader } from './attachments.ts';
export type { ArticleCard } from './article-cards.ts';
export type { OperatorRatings, RatingScore, RatingView } from './csat.ts';

/** The chat's domain operations, as socket handlers (and later HTTP routes) use them. */
export interface Chat {
  /** The visitor a token names, or a new visitor id and token (nothing stored): for reactions and the like. */
  visitorFromToken(token: string | undefined): Promise<{ visitorId: string; token: string; issued: boolean }>;
  /**
   * Who a connecting visitor is: their token's visitor — else the help-center cookie's (`cookieToken`, the
   * visitor their reactions were recorded as), else a new one — or the verified identity's. `cookieShared`:
   * the cookie already names the visitor returned (otherwise the widget may set it, see visitor-cookie.ts).
   */
  connectVisitor(input: { token?: unknown; cookieToken?: string | undefined; identity?: IdentityClaim | undefined; facts: VisitorFacts }): Promise<{ visitorId: string; token: string; cookieShared: boolean }>;
  /**
   * Opens a conversation and routes it (see routing.ts); `routed` are the assignment events routing wrote. With
   * `answers`, a team's answer bot may offer articles first instead (`offered`; routing waits: answer-bot.ts).
   */
  startConversation(visitorId: string, input: { clientId: string; body: string; origin: ConversationOrigin }, answers?: AnswerFinder): Promise<{ conversation: ConversationView; routed: Posted[]; offered: Posted[] } & Posted>;
  /** The visitor's "That helped" (closes it) or "I still need help" (routes it) to the answer bot's offer. */
  botAnswer(visitorId: string, input: { conversationId: number; helped: boolean }): Promise<BotAnswered>;
  visitorConversationOwner(visitorId: string, conversationId: number): Promise<void>;
  /** `escalated`: the events of handing it to the team, when the answer bot was still waiting for an answer. */
  visitorMessage(visitorId: string, input: { conversationId: number; clientId: string; body: string; attachmentIds?: string[] }): Promise<Posted & { escalated: Posted[] }>;
  visitorSync(visitorId: string, conversationId: number, afterSeq: number): Promise<MessageView[]>;
  visitorConversations(visitorId: string): Promise<VisitorConversationView[]>;
  markSeen(conversationId: number, side: 'visitor' | 'agent', seq: number): Promise<number>;
  /** The visitor a conversation belongs to (to address their sockets). */
  visitorOf(conversationId: number): Promise<string>;
  inbox(staff: StaffView, view: InboxView): Promise<InboxRow[]>;
  agentMessage(staff: StaffView, input: { conversationId: number; clientId: string; body: string; kind: 'text' | 'note'; attachmentIds?: string[]; card?: { articleId: number } | undefined }): Promise<Posted>;
  agentSync(conversationId: number, afterSeq: number): Promise<{ conversation: ConversationView; messages: MessageView[] }>;
  /** Assigns to an active operator, or unassigns (`null`); audited. */
  assign(staff: StaffView, conversationId: number, assigneeId: number | null): Promise<Posted>;
  /** Takes an unassigned conversation for oneself; refused when someone owns it already. Audited. */
  claim(staff: StaffView, conversationId: number): Promise<Posted>;
  /** Moves a conversation to a team's queue, unassigned; audited. */
  moveToTeam(staff: StaffView, conversationId: number, teamId: number): Promise<Posted>;
  /** Hands waiting conversations of round-robin teams to operators with free places; the events, to announce. */
  drainQueues(): Promise<Posted[]>;
  /** The team answering where the visitor is: open, staffed, expected reply time (at `at`, default now). */
  teamStatus(query: TeamStatusQuery, at?: Date): Promise<TeamStatusView>;
  /** Assigns with an internal note for the new owner, atomically; audited. Returns the note, then the event. */
  transfer(staff: StaffView, transfer: Transfer): Promise<Posted[]>;
  setStatus(staff: StaffView, conversationId: number, status: 'open' | 'closed'): Promise<Posted>;
  /** Hides an open conversation from the lists until `until` or the visitor's next message; audited. */
  snooze(staff: StaffView, input: { conversationId: number; until: Date; timeZone: string }): Promise<Posted>;
  unsnooze(staff: StaffView, conversationId: number): Promise<Posted>;
  /** Clears snoozes whose time has come (each with a timeline event), for the chat server to announce. */
  wakeExpiredSnoozes(): Promise<Posted[]>;
  /** The inbox sidebar's view of a visitor; `online` is known to the transport (their sockets). */
  visitorProfile(visitorId: string, online: boolean): Promise<VisitorProfileView>;
  /** A file uploaded into a conversation by one of its participants (see attachments.ts for what is accepted). */
  takeAttachment(input: { conversationId: number; uploader: Uploader; fileName: string; bytes: Buffer }): Promise<AttachmentView>;
  openAttachment(id: string): Promise<{ name: string; contentType: string; stream: Readable; size: number } | undefined>;
  setPresence(userId: number, presence: Presence): Promise<boolean>;
  presence(): Promise<Array<{ userId: number; name: string; presence: Presence }>>;
  /** The visitor rates their closed conversation (a later rating replaces it); see csat.ts. */
  rate(visitorId: string, input: { conversationId: number; score: RatingScore; comment: string | null }): Promise<{ rating: RatingView } & Posted>;
  visitorRating(visitorId: string, conversationId: number): Promise<RatingView | null>;
  /** For reports: each operator's count of every face over a period. */
  ratingsByOperator(period: { from: Date; to: Date }): Promise<OperatorRatings[]>;
  /** The key host sites use to vouch for their users (`user_hash`, JWT): shown to admins only. */
  identityKey(): Promise<string>;
  /** A new identity key; everything signed with the old one is refused from now on. */
  rotateIdentityKey(actor: AuditActor): Promise<void>;
}

export function createChat(sequelize: Sequelize, store: AttachmentStore, events: EventBus): Chat {
  let secrets: Promise<ChatSecrets> | undefined;
  const keys = () => (secrets ??= loadChatSecrets(sequelize));
  // Rotated here or on another instance (relayed): the next handshake reads the new key.
  events.on('chat.secrets_changed', () => (secrets = undefined));
  return {
    async visitorFromToken(token) {
      const { visitorTokenKey } = await keys();
      const known = verifyVisitorToken(visitorTokenKey, token);
      return known ? { visitorId: known, token: token!, issued: false } : { ...issueVisitorToken(visitorTokenKey), issued: true };
    },
    async connectVisitor({ token, cookieToken, identity, facts }) {
      const { visitorTokenKey, identityKey } = await keys();
      const verified = identity ? await verifyIdentity(identityKey, identity) : undefined;
      const cookieVisitorId = await adoptableCookieVisitor(verifyVisitorToken(visitorTokenKey, cookieToken));
      const tokenVisitorId = verifyVisitorToken(visitorTokenKey, token) ?? cookieVisitorId ?? issueVisitorToken(visitorTokenKey).visitorId;
      const visitorId = await resolveVisitor(tokenVisitorId, verified, facts);
      return { ...issueVisitorToken(visitorTokenKey, visitorId), cookieShared: cookieVisitorId === visitorId };
    },
    startConversation: (visitorId, input, answers) => startConversation(sequelize, visitorId, input, answers),
    botAnswer: (visitorId, input) => botAnswerer(sequelize, visitorId, input),
    visitorConversationOwner: async (visitorId, conversationId) => void (await visitorConversation(visitorId, conversationId)),
    visitorMessage: (visitorId, input) => visitorMessage(sequelize, visitorId, input),
    visitorSync,
    visitorConversations: listVisitorConversations,
    markSeen,
    async visitorOf(conversationId) {
      return (await Conversation.findByPk(conversationId, { attributes: ['visitorId'], rejectOnEmpty: true })).visitorId;
    },
    inbox: listInbox,
    agentMessage: (staff, input) => agentMessage(sequelize, staff, input),
    agentSync,
    assign: (staff, conversationId, assigneeId) => conversationAssigner(sequelize, staff, conversationId, assigneeId),
    transfer: (staff, transfer) => conversationTransferrer(sequelize, staff, transfer),
    claim: (staff, conversationId) => conversationClaimer(sequelize, staff, conversationId),
    moveToTeam: (staff, conversationId, teamId) => conversationTeamMover(sequelize, staff, conversationId, teamId),
    drainQueues: () => drainQueues(sequelize),
    teamStatus: (query, at = new Date()) => teamStatus(sequelize, query, at),
    setStatus: (staff, conversationId, status) => setConversationStatus(sequelize, staff, conversationId, status),
    snooze: (staff, input) => conversationSnoozer(sequelize, staff, input),
    unsnooze: (staff, conversationId) => conversationUnsnoozer(sequelize, staff, conversationId),
    wakeExpiredSnoozes: () => wakeExpiredSnoozes(sequelize),
    visitorProfile: (visitorId, online) => loadVisitorProfile(sequelize, visitorId, online),
    takeAttachment: (input) => takeAttachment(sequelize, store, input),
    async openAttachment(id) {
      const found = await findAttachment(sequelize, id);
      const file = found && (await store.open(id));
      return found && file ? { ...found, ...file } : undefined;
    },
    setPresence: (userId, presence) => setPresence(sequelize, userId, presence),
    presence: () => listPresence(sequelize),
    rate: (visitorId, input) => rateConversation(sequelize, visitorId, input),
    visitorRating: (visitorId, conversationId) => visitorRating(sequelize, visitorId, conversationId),
    ratingsByOperator: (period) => ratingsByOperator(sequelize, period),
    identityKey: async () => (await keys()).identityKey,
    rotateIdentityKey: (actor) => identityKeyRotator({ sequelize, events, actor }),
  };
}
