import type { Sequelize } from 'sequelize';
import { recordAudit, type AuditActor } from '../audit/audit-log.ts';
import type { EventBus } from '../events.ts';
import { Article } from '../models/index.ts';
import { CollectionChangeRefusedError, lockedCollection } from './collection-rules.ts';

/**
 * Deletes a collection that has no articles (drafts count: deleting would orphan them). Its translations
 * simply lose their counterpart. Commits with its audit entry, then emits `content.changed`.
 */
export default async function collectionRemover(props: { sequelize: Sequelize; events: EventBus; actor: AuditActor; id: number }): Promise<void> {
  const { sequelize, events, actor, id } = props;
  await sequelize.transaction(async (transaction) => {
    const collection = await lockedCollection(id, transaction);
    // Locking the collection row makes an article insert into it (a foreign key check) wait for us.
    const articles = await Article.count({ where: { collectionId: id }, transaction });
    if (articles > 0) {
      throw new CollectionChangeRefusedError(
        `“${collection.title}” still has ${articles} ${articles === 1 ? 'article' : 'articles'} (published or draft). Move or delete them first; only an empty collection can be deleted.`,
      );
    }
    await collection.destroy({ transaction });
    await recordAudit({ actor, action: 'collection.delete', target: { type: 'collection', id }, summary: `Deleted “${collection.title}” (${collection.locale}) at ${collection.slug}` }, transaction);
  });
  events.emit('content.changed', { articleIds: [], reason: 'edit' });
}
