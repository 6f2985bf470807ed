import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import { can } from '../accounts/policy.ts';
import { Article, Collection, Team, User, type ConversationOrigin } from '../models/index.ts';
import { automaticAssigner } from './assignment.ts';
import type { Posted } from './message-store.ts';
import { assignInTurn } from './round-robin.ts';

/** Where a new conversation goes: a team's queue, maybe straight to an owner, maybe watched by someone. */
export interface Route {
  team: Team;
  /** Set when the conversation goes straight to this person (the author of the article it is about). */
  owner: User | null;
  /** People kept informed without owning it. */
  watcherIds: number[];
}

/** Where the visitor is, as routing needs it: a collection (from the page or the article), and the article. */
export interface Whereabouts {
  collectionId: number | null;
  article: Article | null;
}

/**
 * The collection a help-center path shows: `/<locale>/<collection>` or `/<locale>/<collection>/<article>`
 * (see `articleUrl`). Anything else (the home page, search, another site) names none.
 */
export async function collectionOfPage(page: string | undefined, transaction?: Transaction): Promise<number | null> {
  if (!page) return null;
  const path = page.split(/[?#]/)[0]!;
  const segments = path.split('/').filter(Boolean);
  if (segments.length < 2 || segments.length > 3) return null;
  try {
    const [locale, slug] = segments.map((segment) => decodeURIComponent(segment));
    const collection = await Collection.findOne({ attributes: ['id'], where: { locale: locale!, slug: slug! }, ...(transaction ? { transaction } : {}) });
    return collection?.id ?? null;
  } catch {
    return null; // a malformed escape is not a page of ours
  }
}

/** The article (when the conversation is about one) and the collection the visitor was looking at. */
export async function whereabouts(origin: ConversationOrigin, transaction?: Transaction): Promise<Whereabouts> {
  if (origin.kind === 'article') {
    const article = await Article.findByPk(origin.articleId, { attributes: ['id', 'title', 'collectionId', 'authorId'], ...(transaction ? { transaction } : {}) });
    return { collectionId: article?.collectionId ?? null, article };
  }
  return { collectionId: await collectionOfPage(origin.page, transaction), article: null };
}

/** The team that answers for a collection: its mapped team, else the default team. */
export async function teamOfCollection(sequelize: Sequelize, collectionId: number | null, transaction?: Transaction): Promise<Team> {
  const [mapped] = collectionId
    ? await sequelize.query<{ team_id: number }>('SELECT team_id FROM collection_teams WHERE collection_id = :collectionId', { replacements: { collectionId }, type: QueryTypes.SELECT, ...(transaction ? { transaction } : {}) })
    : [];
  const where = mapped ? { id: mapped.team_id } : { isDefault: true };
  return Team.findOne({ where, rejectOnEmpty: true, ...(transaction ? { transaction } : {}) });
}

/**
 * Decides where a new conversation goes. `origin` must be verified (verified-origin.ts): its reaction is one
 * the visitor really gave. From a 😞 on an article: to the article's author when they are an
 * active operator (they know the article best); otherwise to the team of the article's collection, with
 * the author — if they have an account — watching. Anything else: the team of the collection the visitor
 * was on (the article's, or the page's), else the default team.
 */
export async function routeConversation(sequelize: Sequelize, origin: ConversationOrigin, transaction: Transaction): Promise<Route> {
  const where = await whereabouts(origin, transaction);
  const team = await teamOfCollection(sequelize, where.collectionId, transaction);
  const sad = origin.kind === 'article' && origin.reaction === 'sad';
  const author = sad && where.article?.authorId ? await User.findOne({ where: { authorId: where.article.authorId }, transaction, lock: transaction.LOCK.SHARE }) : null;
  if (!author) return { team, owner: null, watcherIds: [] };
  if (can({ roles: author.roles, deactivated: author.deactivatedAt !== null }, 'inbox.use')) return { team, owner: author, watcherIds: [] };
  return { team, owner: null, watcherIds: [author.id] };
}

/**
 * Carries out a route for a conversation just created in `transaction`: watchers are added, and the owner
 * is assigned — the author, or for a round-robin team the next operator in turn (none free: it waits in
 * the queue). Returns the timeline events it wrote, for the transport to announce.
 */
export async function applyRoute(sequelize: Sequelize, conversationId: number, route: Route, transaction: Transaction): Promise<Posted[]> {
  for (const userId of route.watcherIds) {
    await sequelize.query('INSERT INTO conversation_watchers (conversation_id, user_id) VALUES (:conversationId, :userId) ON CONFLICT DO NOTHING', { replacements: { conversationId, userId }, transaction });
  }
  if (route.owner) return [await automaticAssigner(sequelize, { conversationId, assignee: route.owner, reason: 'author of the article' }, transaction)];
  if (route.team.strategy !== 'round_robin') return [];
  const posted = await assignInTurn(sequelize, conversationId, route.team, transaction);
  return posted ? [posted] : [];
}
