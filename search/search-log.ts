import { Op, type Sequelize } from 'sequelize';
import { Article, SearchQuery } from '../core/models/index.ts';

/** A settled search as the search box reports it. */
export interface SettledSearch {
  sessionId: string;
  /** The help-center visitor (cookie), so the funnel can join searches to page views and chats. */
  visitorId?: string | undefined;
  locale: string;
  query: string;
  resultCount: number;
  clickedArticleId?: number;
  position?: number;
}

/** Consecutive searches of one session this close together are one episode: the refined query wins. */
export const EPISODE_WINDOW_MS = 60_000;

/** Lower-cased, single-spaced, at most 200 characters: the form queries are counted in. */
export function normalizeLoggedQuery(query: string): string {
  return query.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim().slice(0, 200);
}

/**
 * Records a settled search without double counting: within one session, the same query again adds
 * nothing (a click is attached to it), and a new query soon after an unclicked one replaces it — a query
 * refined from "pasword" to "password reset" counts once, as the final query. A failed search is one with
 * zero results; a no-click search has results and no click.
 */
export default async function searchLogRecorder(sequelize: Sequelize, entry: SettledSearch): Promise<void> {
  const query = normalizeLoggedQuery(entry.query);
  if (!query) return;
  // A click on an article that does not exist (stale page, forged body) is dropped, the search kept.
  const clickedExists = entry.clickedArticleId ? (await Article.count({ where: { id: entry.clickedArticleId } })) > 0 : false;
  const click = clickedExists ? { clickedArticleId: entry.clickedArticleId!, clickedPosition: entry.position ?? null } : {};
  const visitor = entry.visitorId ? { visitorId: entry.visitorId } : {};
  await sequelize.transaction(async (transaction) => {
    const latest = await SearchQuery.findOne({
      where: { sessionId: entry.sessionId, updatedAt: { [Op.gt]: new Date(Date.now() - EPISODE_WINDOW_MS) } },
      order: [['updatedAt', 'DESC']],
      lock: transaction.LOCK.UPDATE,
      transaction,
    });
    if (latest && latest.query === query) {
      if (clickedExists && !latest.clickedArticleId) await latest.update(click, { transaction });
      return;
    }
    if (latest && !latest.clickedArticleId) {
      await latest.update({ query, locale: entry.locale, resultCount: entry.resultCount, ...click, ...visitor }, { transaction });
      return;
    }
    await SearchQuery.create({ sessionId: entry.sessionId, locale: entry.locale, query, resultCount: entry.resultCount, clickedArticleId: null, clickedPosition: null, ...click, ...visitor }, { transaction });
  });
}
