import Bowser from 'bowser';
import { QueryTypes, type Sequelize } from 'sequelize';
import { articleUrl } from '../articles/presenters.ts';
import type { Reaction } from '../articles/reactions.ts';
import { Conversation, Message, Visitor } from '../models/index.ts';
import { ChatRefusedError } from './chat-errors.ts';
import { presentVisitorProfile, type VisitorProfileView } from './chat-views.ts';

/** How much history the sidebar shows: enough to recognise a regular, small enough to send every time. */
const MAX_CONVERSATIONS = 20;
const MAX_REACTIONS = 20;

const REACTION_NAMES: Record<number, Reaction> = { [-1]: 'sad', 0: 'neutral', 1: 'happy' };

/** "Chrome 131 · Linux" from a user agent, or undefined when nothing is recognised (the raw string is shown then). */
export function describeUserAgent(userAgent: string | undefined): string | undefined {
  if (!userAgent) return undefined;
  const parsed = Bowser.parse(userAgent);
  const browser = [parsed.browser.name, parsed.browser.version?.split('.')[0]].filter(Boolean).join(' ');
  const os = [parsed.os.name, parsed.os.versionName ?? parsed.os.version].filter(Boolean).join(' ');
  const described = [browser, os].filter(Boolean).join(' · ');
  return described || undefined;
}

/**
 * Everything the inbox's sidebar shows about one visitor: who they are (as the host site verified), their
 * browsing context from the widget's handshake, their conversations and their reactions to articles — all
 * read by this visitor's id only. `online` comes from the transport (their sockets).
 */
export async function loadVisitorProfile(sequelize: Sequelize, visitorId: string, online: boolean): Promise<VisitorProfileView> {
  const visitor = await Visitor.findByPk(visitorId);
  if (!visitor) throw new ChatRefusedError('not_found', 'No such visitor.');
  const conversations = await Conversation.findAll({ where: { visitorId }, order: [['createdAt', 'DESC']], limit: MAX_CONVERSATIONS });
  // Each conversation is shown by its first message: what the visitor came with.
  const openers = conversations.length ? await Message.findAll({ attributes: ['conversationId', 'body'], where: { conversationId: conversations.map((c) => c.id), seq: 1 } }) : [];
  const reactions = await sequelize.query<{ article_id: number; title: string; locale: string; slug: string; collection_slug: string; value: number; updated_at: Date }>(
    `SELECT r.article_id, a.title, a.locale, a.slug, c.slug AS collection_slug, r.value, r.updated_at
       FROM article_reactions r JOIN articles a ON a.id = r.article_id JOIN collections c ON c.id = a.collection_id
      WHERE r.visitor_id = :visitorId ORDER BY r.updated_at DESC LIMIT :limit`,
    { replacements: { visitorId, limit: MAX_REACTIONS }, type: QueryTypes.SELECT },
  );
  return presentVisitorProfile({
    visitor,
    online,
    device: describeUserAgent(visitor.context.userAgent),
    conversations: conversations.map((c) => ({ conversation: c, opener: openers.find((m) => m.conversationId === c.id)?.body ?? null })),
    reactions: reactions.map((r) => ({ articleId: r.article_id, title: r.title, url: articleUrl(r.locale, r.collection_slug, r.slug), reaction: REACTION_NAMES[r.value]!, at: new Date(r.updated_at).toISOString() })),
  });
}
