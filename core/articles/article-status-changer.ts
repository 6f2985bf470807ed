import type { Sequelize } from 'sequelize';
import { recordAudit, type AuditActor } from '../audit/audit-log.ts';
import type { EventBus } from '../events.ts';
import { Article, type ArticleStatus } from '../models/index.ts';

export class ArticleNotFoundError extends Error {
  override name = 'ArticleNotFoundError';
}

/**
 * Publishes or unpublishes an article. The change commits with its audit entry; then `content.changed`
 * refreshes page caches and the search index (on every instance), so it is live at the next request.
 * A change made in the app makes the database authoritative for a file-managed article: later imports
 * report differences in its file instead of overwriting it (see the importer).
 */
export default async function articleStatusChanger(props: { sequelize: Sequelize; events: EventBus; actor: AuditActor; articleId: number; status: ArticleStatus }): Promise<void> {
  const { sequelize, events, actor, articleId, status } = props;
  const changed = await sequelize.transaction(async (transaction) => {
    const article = await Article.findByPk(articleId, { lock: transaction.LOCK.UPDATE, transaction });
    if (!article) throw new ArticleNotFoundError(`No article ${articleId}.`);
    if (article.status === status) return false;
    await article.update({ status, sourceKind: 'app', ...(status === 'published' ? { publishedAt: new Date() } : {}) }, { transaction });
    await recordAudit(
      { actor, action: status === 'published' ? 'article.publish' : 'article.unpublish', target: { type: 'article', id: article.id }, summary: `${status === 'published' ? 'Published' : 'Unpublished'} "${article.title}" (${article.locale})` },
      transaction,
    );
    return true;
  });
  if (changed) events.emit('content.changed', { articleIds: [articleId], reason: 'edit' });
}
