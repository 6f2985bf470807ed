import { randomUUID } from 'node:crypto';
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { Conversation, Visitor } from '../models/index.ts';
import type { ArticleCard } from './article-cards.ts';
import { ChatRefusedError } from './chat-errors.ts';
import { presentConversation, type ConversationView } from './chat-views.ts';
import { postMessage, type Posted } from './message-store.ts';
import { applyRoute, routeConversation, type Route } from './routing.ts';

/**
 * Help-center articles that answer a visitor's question, already judged relevant, at most three; none when
 * nothing is good enough. Supplied by the transport (chat-server/answer-finder.ts): search lives above core.
 */
export type AnswerFinder = (question: string, visitorLocale: string | null) => Promise<ArticleCard[]>;

/** What the bot says, in the language of the articles it offers (the visitor's, when the help center has it). */
const OFFER_TEXT: Record<string, string> = {
  en: 'These articles may answer your question. Did one of them help?',
  ru: 'Возможно, ответ есть в этих статьях. Помогла ли какая-нибудь из них?',
};

/** Timeline events, in English like every other event an operator reads. */
const HELPED_EVENT = 'Resolved by an article the answer bot offered';
const ESCALATED_EVENT = 'The visitor still needs help: passed to the team';

/**
 * The articles the bot offers a new conversation, or none: only a team with the bot on, and never when
 * routing hands the conversation straight to a person (a 😞 under an article goes to its author, who should
 * hear it rather than have the same help center offered back).
 */
export async function answersFor(route: Route, question: string, visitorId: string, answers: AnswerFinder | undefined, transaction: Transaction): Promise<ArticleCard[]> {
  if (!answers || !route.team.answerBot || route.owner) return [];
  // Asked inside the start's transaction: the team is known only there, and the search is one in-memory
  // lookup (embedded engine) or one HTTP request (Meilisearch), whose failure counts as nothing found.
  const visitor = await Visitor.findByPk(visitorId, { attributes: ['locale'], transaction });
  return (await answers(question, visitor?.locale ?? null)).slice(0, 3);
}

/**
 * The bot's offer in a conversation just started: its words, then one message per article card. Sent as
 * `system` with no user: the widget and the inbox label it as the answer bot, never as a person.
 */
export async function postOffer(sequelize: Sequelize, conversationId: number, cards: ArticleCard[], transaction: Transaction): Promise<Posted[]> {
  const locale = cards[0]?.locale ?? 'en';
  const offer = await postMessage(sequelize, { conversationId, clientId: randomUUID(), sender: 'system', senderUserId: null, kind: 'text', body: OFFER_TEXT[locale] ?? OFFER_TEXT.en! }, transaction);
  const posted = [offer];
  for (const card of cards) posted.push(await postMessage(sequelize, { conversationId, clientId: randomUUID(), sender: 'system', senderUserId: null, kind: 'text', body: '', card }, transaction));
  return posted;
}

/** The outcome of the visitor's answer to the bot, for the transport to announce. */
export interface BotAnswered {
  conversation: ConversationView;
  /** The timeline event of this answer, then (escalated) routing's assignment: empty for a repeated answer. */
  posted: Posted[];
  /** True when the same answer was already recorded: nothing changed. */
  duplicate: boolean;
  /** The visitor's first message, for the alert emails an escalation sends like a new conversation. */
  question: string;
}

/**
 * "That helped" closes the conversation as resolved by an article: no operator ever sees it in a queue.
 * "I still need help" routes it as a new conversation would be routed, with the bot's attempt in its
 * timeline. Only the conversation's visitor may answer; the same answer twice (a double click, two tabs)
 * changes nothing the second time; the other answer after the first is refused.
 */
export async function botAnswerer(sequelize: Sequelize, visitorId: string, input: { conversationId: number; helped: boolean }): Promise<BotAnswered> {
  return sequelize.transaction(async (transaction) => {
    const conversation = await Conversation.findByPk(input.conversationId, { transaction, lock: transaction.LOCK.UPDATE });
    if (!conversation || conversation.visitorId !== visitorId) throw new ChatRefusedError('not_found', 'No such conversation.');
    const question = await firstQuestion(sequelize, conversation.id, transaction);
    const wanted = input.helped ? 'helped' : 'escalated';
    if (conversation.botOutcome === wanted) return { conversation: presentConversation(conversation), posted: [], duplicate: true, question };
    if (conversation.botOutcome !== 'offered') throw new ChatRefusedError('invalid', conversation.botOutcome ? 'The answer bot’s offer was already answered.' : 'The answer bot made no offer in this conversation.');
    const posted = input.helped ? [await resolveByArticle(sequelize, conversation.id, transaction)] : await escalate(sequelize, conversation, transaction);
    return { conversation: posted.at(-1)!.conversation!, posted, duplicate: false, question };
  });
}

/**
 * Hands a conversation the bot is still offering answers in to the team, when the visitor writes again
 * instead of choosing. Does nothing (no events) when the bot is not waiting for an answer there.
 */
export async function escalateIfOffered(sequelize: Sequelize, conversationId: number): Promise<Posted[]> {
  return sequelize.transaction(async (transaction) => {
    const conversation = await Conversation.findByPk(conversationId, { transaction, lock: transaction.LOCK.UPDATE });
    if (conversation?.botOutcome !== 'offered') return [];
    return escalate(sequelize, conversation, transaction);
  });
}

async function resolveByArticle(sequelize: Sequelize, conversationId: number, transaction: Transaction): Promise<Posted> {
  await Conversation.update({ botOutcome: 'helped' }, { where: { id: conversationId }, transaction });
  return postMessage(sequelize, { conversationId, clientId: randomUUID(), sender: 'system', senderUserId: null, kind: 'event', body: HELPED_EVENT, event: { type: 'bot_helped' }, setStatus: 'closed' }, transaction);
}

/** Routed now exactly as `startConversation` would have routed it (the team's settings may have changed since). */
async function escalate(sequelize: Sequelize, conversation: Conversation, transaction: Transaction): Promise<Posted[]> {
  const route = await routeConversation(sequelize, conversation.origin, transaction);
  // The visitor waits for a person from now on: the time spent reading the bot's articles is not the team's
  // (the inbox's waiting time, and the chat report's first reply, which starts at human_requested_at).
  const now = sequelize.fn('now');
  await Conversation.update({ botOutcome: 'escalated', teamId: route.team.id, waitingSince: now, humanRequestedAt: now }, { where: { id: conversation.id }, transaction });
  const event = await postMessage(sequelize, { conversationId: conversation.id, clientId: randomUUID(), sender: 'system', senderUserId: null, kind: 'event', body: ESCALATED_EVENT, event: { type: 'bot_escalated' } }, transaction);
  return [event, ...(await applyRoute(sequelize, conversation.id, route, transaction))];
}

async function firstQuestion(sequelize: Sequelize, conversationId: number, transaction: Transaction): Promise<string> {
  const [row] = await sequelize.query<{ body: string }>("SELECT body FROM messages WHERE conversation_id = :conversationId AND sender = 'visitor' ORDER BY seq LIMIT 1", { replacements: { conversationId }, type: QueryTypes.SELECT, transaction });
  return row?.body ?? '';
}
