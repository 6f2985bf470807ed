import type { Sequelize } from 'sequelize';
import { recordAudit, type AuditActor } from '../audit/audit-log.ts';
import type { EventBus } from '../events.ts';
import { slugifyHeading } from '../articles/render/slugify-heading.ts';
import { assertSlugFree, lockedCollection } from './collection-rules.ts';
import type { CollectionFields } from './schemas.ts';
import { linkTranslations } from './translation-links.ts';

const EDITABLE = ['title', 'slug', 'description', 'icon'] as const;

/**
 * Changes a collection's title, slug, description, icon and translation links. Its language stays: its
 * articles are written in it. A changed slug moves the collection's pages (and its articles') to new
 * addresses, which is why search is refreshed as a whole. Commits with its audit entry, then emits
 * `content.changed`; a submission that changes nothing records and emits nothing.
 */
export default async function collectionUpdater(props: { sequelize: Sequelize; events: EventBus; actor: AuditActor; id: number; input: CollectionFields }): Promise<void> {
  const { sequelize, events, actor, id, input } = props;
  const changed = await sequelize.transaction(async (transaction) => {
    const collection = await lockedCollection(id, transaction);
    const values = { title: input.title, slug: input.slug ?? slugifyHeading(input.title), description: input.description, icon: input.icon };
    if (values.slug !== collection.slug) await assertSlugFree(collection.locale, values.slug, collection.id, transaction);
    const fields = EDITABLE.filter((field) => collection[field] !== values[field]);
    const before = collection.title;
    if (fields.length > 0) await collection.update({ ...values, sourceKind: 'app' }, { transaction });
    const links = await linkTranslations(collection, input.translations, transaction);
    if (links.length > 0 && collection.sourceKind !== 'app') await collection.update({ sourceKind: 'app' }, { transaction });
    if (fields.length === 0 && links.length === 0) return false;
    const summary = [`Changed “${before}” (${collection.locale})${fields.length > 0 ? `: ${fields.join(', ')}` : ''}`, ...links].join('; ');
    await recordAudit({ actor, action: 'collection.update', target: { type: 'collection', id: collection.id }, summary }, transaction);
    return true;
  });
  if (changed) events.emit('content.changed', { articleIds: [], reason: 'edit' });
}
