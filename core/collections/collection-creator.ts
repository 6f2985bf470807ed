import type { Sequelize } from 'sequelize';
import { recordAudit, type AuditActor } from '../audit/audit-log.ts';
import type { EventBus } from '../events.ts';
import { slugifyHeading } from '../articles/render/slugify-heading.ts';
import { Collection } from '../models/index.ts';
import { assertSlugFree, fieldError, localeName } from './collection-rules.ts';
import { collectionsInOrder, lockLocaleOrder, rewritePositions } from './collection-order.ts';
import type { NewCollection } from './schemas.ts';
import { freshTranslationKey, linkTranslations } from './translation-links.ts';

/** Where in `ordered` a new collection goes. */
function insertionIndex(ordered: Collection[], place: NewCollection['place'], language: string): number {
  if (place === 'end') return ordered.length;
  if (place === 'top') return 0;
  const afterId = Number(place.slice('after:'.length));
  const index = ordered.findIndex((c) => c.id === afterId);
  if (index === -1) throw fieldError(['place'], `choose a position among the ${language} collections`, place);
  return index + 1;
}

/**
 * Creates a collection in a locale at the chosen place, with its slug derived from the title unless given.
 * It commits with its audit entry; then `content.changed` (every article, since a collection changes
 * pages the ids do not name) refreshes page caches and search on every instance. Returns the new id.
 */
export default async function collectionCreator(props: { sequelize: Sequelize; events: EventBus; actor: AuditActor; input: NewCollection }): Promise<number> {
  const { sequelize, events, actor, input } = props;
  const id = await sequelize.transaction(async (transaction) => {
    const language = await localeName(input.locale, transaction);
    await lockLocaleOrder(input.locale, transaction);
    const slug = input.slug ?? slugifyHeading(input.title);
    await assertSlugFree(input.locale, slug, undefined, transaction);
    const ordered = await collectionsInOrder(input.locale, transaction);
    const index = insertionIndex(ordered, input.place, language);
    const collection = await Collection.create(
      {
        locale: input.locale,
        slug,
        translationKey: freshTranslationKey(),
        title: input.title,
        description: input.description,
        icon: input.icon,
        position: (ordered.at(-1)?.position ?? 0) + 1,
        sourceKind: 'app',
      },
      { transaction },
    );
    // Appending leaves the others alone; any other place renumbers the whole order.
    if (index < ordered.length) await rewritePositions(ordered.toSpliced(index, 0, collection), transaction);
    const links = await linkTranslations(collection, input.translations, transaction);
    const summary = [`Created “${collection.title}” (${collection.locale}) at ${index + 1} of ${ordered.length + 1}`, ...links].join('; ');
    await recordAudit({ actor, action: 'collection.create', target: { type: 'collection', id: collection.id }, summary }, transaction);
    return collection.id;
  });
  events.emit('content.changed', { articleIds: [], reason: 'edit' });
  return id;
}
