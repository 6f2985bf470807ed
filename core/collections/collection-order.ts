import type { Transaction } from 'sequelize';
import { Collection } from '../models/index.ts';

/**
 * Serialises changes to one locale's order (create, move) for the rest of the transaction, so two authors
 * reordering at once cannot interleave their position rewrites.
 */
export async function lockLocaleOrder(locale: string, transaction: Transaction): Promise<void> {
  await Collection.sequelize!.query("SELECT pg_advisory_xact_lock(hashtext('collections:' || :locale))", { replacements: { locale }, transaction });
}

/** The locale's collections in display order: the order of the site's home page. */
export function collectionsInOrder(locale: string, transaction: Transaction): Promise<Collection[]> {
  return Collection.findAll({ where: { locale }, order: [['position', 'ASC'], ['title', 'ASC'], ['id', 'ASC']], transaction });
}

/**
 * Writes positions 1…n in the given order. The admin now owns this locale's order, so every collection of
 * it becomes app-managed: an import must not put back the `order` of its `_collection.yml`.
 */
export async function rewritePositions(ordered: Collection[], transaction: Transaction): Promise<void> {
  for (const [index, collection] of ordered.entries()) {
    if (collection.position !== index + 1 || collection.sourceKind !== 'app') await collection.update({ position: index + 1, sourceKind: 'app' }, { transaction });
  }
}
